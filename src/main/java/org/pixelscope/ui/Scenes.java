package org.pixelscope.ui;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.PixelModel;
import org.pixelscope.ui.masks.MasksViewModel;
import org.pixelscope.ui.sample.SampleViewModel;

/**
 * File &gt; Save Scene and Open Scene: what a teacher prepares once and opens in class
 * ({@link SceneFile}). Saving captures the model's checkpoint (or, for an untrained model, its
 * name), the view, theme, zoom, and the Sample and Masks views' state; opening reads the file on a
 * worker, opens the model (asking first if unsaved work would be lost), then restores the rest,
 * the sample paused at the saved pixel.
 *
 * <p>Thread: FX; file I/O and model loading on workers.
 */
final class Scenes {

    private final MainWindow w;

    Scenes(MainWindow window) {
        this.w = window;
    }

    /** The scene of what is on screen now, to be saved as {@code file}. */
    SceneFile.Scene capture(Path file) {
        ModelSession session = w.context().session();
        PixelModel model = session.getModel();
        if (model == null) {
            throw new IllegalStateException("There is no model to put in a scene: open or create one first.");
        }
        Path checkpoint = session.checkpointProperty().get();
        if (session.hasUnsavedWork()
                || checkpoint == null && session.historyProperty().get().started()) {
            throw new IllegalStateException(
                    "The model holds training no checkpoint has: save it first (a scene refers to a checkpoint file).");
        }
        if (checkpoint == null && model.levels() != 2) {
            throw new IllegalStateException("The model has K = " + model.levels() + " grey levels, which a scene can"
                    + " name only through a checkpoint file: save it first.");
        }
        SampleViewModel s = w.views().sample().viewModel();
        MasksViewModel m = w.views().masks().viewModel();
        return new SceneFile.Scene(
                SceneFile.FORMAT,
                checkpoint == null ? null : SceneFile.relative(file, checkpoint),
                checkpoint == null ? model.spec().name() : null,
                w.selectedTab().toLowerCase(Locale.ROOT),
                w.themeProperty().get().key(),
                w.presentation().zoomProperty().get(),
                new SceneFile.Sample(
                        s.countProperty().get(),
                        s.seedProperty().get(),
                        s.temperatureProperty().get(),
                        s.speedProperty().get(),
                        s.completionProperty().get(),
                        s.testImageProperty().get(),
                        s.keptRowsProperty().get(),
                        s.selectedImageProperty().get(),
                        s.shownProperty().get(),
                        model.conditional() ? s.digitProperty().get() : null),
                new SceneFile.Masks(
                        m.pixelRowProperty().get(),
                        m.pixelColProperty().get(),
                        m.layerProperty().get(),
                        m.kernelLayerProperty().get(),
                        m.outChannelProperty().get()));
    }

    /** Captures and writes the scene on a worker; the future completes on the FX thread. */
    CompletableFuture<Path> save(Path file) {
        SceneFile.Scene scene;
        try {
            scene = capture(file);
        } catch (IllegalStateException e) {
            w.context().errors().report("Cannot save the scene", e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        return ExportJob.run(w.context(), "Save scene", file, () -> {
            SceneFile.write(file, scene);
            return null;
        });
    }

    /** Reads {@code file} and restores it; the future completes (on the FX thread) once the model is open. */
    CompletableFuture<SceneFile.Scene> open(Path file) {
        AppContext ctx = w.context();
        CompletableFuture<SceneFile.Scene> done = new CompletableFuture<>();
        ctx.jobs()
                .submit(() -> SceneFile.read(file))
                .whenCompleteAsync(
                        (scene, err) -> {
                            if (err != null) {
                                ctx.errors().report("Could not open the scene", err);
                                done.completeExceptionally(err);
                                return;
                            }
                            ModelSpec spec = scene.checkpoint() == null
                                    ? ModelSpecs.find(scene.model()).orElse(null)
                                    : null;
                            if (scene.checkpoint() == null && spec == null) {
                                String why = file + ": the scene's model " + scene.model()
                                        + " is not one this PixelScope knows";
                                ctx.errors().report("Could not open the scene", why);
                                done.completeExceptionally(new IllegalArgumentException(why));
                                return;
                            }
                            w.unsavedWork().guard("open a scene", () -> {
                                CompletableFuture<PixelModel> model = spec == null
                                        ? ctx.session().open(SceneFile.checkpoint(file, scene))
                                        : ctx.session().create(spec);
                                model.whenCompleteAsync(
                                        (m, e) -> {
                                            if (e != null) {
                                                ctx.errors().report("Could not open the scene's model", e);
                                                done.completeExceptionally(e);
                                            } else {
                                                restore(scene);
                                                ctx.status().idle("Opened scene " + file.getFileName());
                                                done.complete(scene);
                                            }
                                        },
                                        ctx.jobs().fx());
                            });
                        },
                        ctx.jobs().fx());
        return done;
    }

    /** Everything but the model, which is already open. */
    private void restore(SceneFile.Scene scene) {
        w.themeProperty().set(Theme.of(scene.theme()));
        w.presentation().zoomProperty().set(scene.zoom());
        for (int i = 0; i < w.tabTitles().size(); i++) {
            if (w.tabTitles().get(i).equalsIgnoreCase(scene.view())) {
                w.selectTab(i);
            }
        }
        SceneFile.Masks m = scene.masks();
        if (m != null) {
            MasksViewModel masks = w.views().masks().viewModel();
            masks.selectPixel(m.row(), m.col());
            masks.layerProperty().set(m.layer());
            if (m.kernelLayer() != null) {
                masks.kernelLayerProperty().set(m.kernelLayer());
            }
            masks.outChannelProperty().set(m.outChannel());
        }
        SceneFile.Sample s = scene.sample();
        if (s != null) {
            SampleViewModel sample = w.views().sample().viewModel();
            sample.countProperty().set(s.count());
            sample.seedProperty().set((int) s.seed());
            sample.temperatureProperty().set(s.temperature());
            sample.speedProperty().set(s.speed());
            sample.keptRowsProperty().set(s.keptRows());
            sample.testImageProperty().set(s.testImage());
            sample.completionProperty().set(s.completion());
            sample.selectedImageProperty().set(Math.min(s.selectedImage(), s.count() - 1));
            // a digit the model has no class for (a scene edited by hand) draws every digit
            int classes = sample.classesProperty().get();
            boolean known = s.digit() != null && s.digit() >= 0 && s.digit() < classes;
            sample.digitProperty().set(known ? s.digit() : SampleViewModel.ALL_DIGITS);
            sample.resetShowing(s.position());
        }
    }
}
