package org.pixelscope.ui.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.ui.masks.MasksViewModel;
import org.pixelscope.ui.sample.SampleViewModel;
import org.pixelscope.ui.summary.SummaryViewModel;
import org.pixelscope.ui.train.RunState;
import org.pixelscope.ui.train.TrainViewModel;

/**
 * Resident memory through a training run, in the app's own code path: the Train view's model
 * starts a run of the chapter PixelCNN ({@code EPOCHS} epochs of {@code LIMIT} images, with the
 * per-epoch sample strip and autosave as in the app), and after every epoch the driver has the
 * Sample view's model draw a new generation as a user pressing Reset would, then prints resident
 * memory. Afterwards the run's model is switched out (a new model), as a user moving on would.
 *
 * <p>Run with {@code scripts/training-rss.sh [EPOCHS] [LIMIT]}. Thread: main, plus the harness's.
 */
public final class TrainingSoak {

    private TrainingSoak() {}

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Path autosave = Files.createTempDirectory("pixelscope-soak-autosave");
        try (SoakHarness h = new SoakHarness(autosave)) {
            TrainViewModel train = h.onFx(() -> new TrainViewModel(h.ctx));
            SampleViewModel sample = h.onFx(() -> new SampleViewModel(h.ctx));
            h.onFx(() -> new MasksViewModel(h.ctx));
            h.onFx(() -> new SummaryViewModel(h.ctx));
            h.onFx(() -> h.session.create(PixelCnnSpec.chapter())).get();
            h.await("the first generation", () -> done(sample), 600);
            System.out.println("model ready    " + SoakHarness.memoryLine());
            h.onFx(() -> {
                train.hyperparameters().epochsProperty().set(epochs);
                train.hyperparameters().limitProperty().set(limit);
                train.start();
                return null;
            });
            long t0 = System.nanoTime();
            for (int e = 1; e <= epochs; e++) {
                int epoch = e;
                h.await(
                        "epoch " + e,
                        () -> train.series().validationSize() >= epoch
                                || train.stateProperty().get() == RunState.IDLE,
                        3600);
                SampleTrace before = h.onFx(() -> sample.traceProperty().get());
                h.onFx(() -> {
                    sample.reset();
                    return null;
                });
                h.await(
                        "a generation after epoch " + e,
                        () -> sample.traceProperty().get() != before && done(sample),
                        600);
                System.out.printf(
                        "epoch %d        %s   (%.0f s)%n", e, SoakHarness.memoryLine(), (System.nanoTime() - t0) / 1e9);
            }
            h.await("the run to end", () -> train.stateProperty().get() == RunState.IDLE, 3600);
            System.out.println("run ended      " + SoakHarness.memoryLine() + "   autosave written: "
                    + h.session.autosave().found().isPresent());
            h.onFx(() -> {
                        h.session.discardUnsaved();
                        return h.session.create(PixelCnnSpec.chapter());
                    })
                    .get();
            h.await("the views to follow the new model", () -> done(sample), 600);
            System.gc();
            Thread.sleep(5_000);
            System.out.println("new model, GC  " + SoakHarness.memoryLine());
        }
        System.exit(0);
    }

    private static boolean done(SampleViewModel sample) {
        SampleTrace t = sample.traceProperty().get();
        return t != null && sample.computedProperty().get() == t.pixelsPerImage();
    }
}
