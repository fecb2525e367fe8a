package org.pixelscope.ui.sample;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.pixelscope.data.MnistData;
import org.pixelscope.inspect.ReceptiveField;
import org.pixelscope.model.PixelModel;
import org.pixelscope.sample.PixelStep;
import org.pixelscope.sample.SampleRequest;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.ui.AppContext;

/**
 * The sample view's state: what to generate (count, seed, temperature, completion), the
 * generation in progress (a {@link SampleTrace} the sampler fills on a worker), and the
 * {@link Playback} position that decides what the grid shows. The grid shows exactly the first
 * {@link #shownProperty()} raster positions of every image; the sampler may be ahead.
 *
 * <p>Thread: FX only. The sampler, snapshots, MNIST and the receptive field run on workers of
 * {@code ctx.jobs()}; results come back on its FX executor.
 */
public final class SampleViewModel {

    private final AppContext ctx;
    private final IntegerProperty count = new SimpleIntegerProperty(this, "count", SampleRequest.DEFAULT_COUNT);
    private final IntegerProperty seed = new SimpleIntegerProperty(this, "seed", SampleRequest.DEFAULT_SEED);
    private final DoubleProperty temperature = new SimpleDoubleProperty(this, "temperature", 1.0);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 2.0 / 3);
    private final BooleanProperty completion = new SimpleBooleanProperty(this, "completion", false);
    private final IntegerProperty testImage = new SimpleIntegerProperty(this, "testImage", 0);
    private final IntegerProperty keptRows = new SimpleIntegerProperty(this, "keptRows", MnistData.SIDE / 2);
    private final IntegerProperty selectedImage = new SimpleIntegerProperty(this, "selectedImage", 0);
    private final IntegerProperty digit = new SimpleIntegerProperty(this, "digit", Generation.ALL_DIGITS);
    private final ReadOnlyIntegerWrapper classes = new ReadOnlyIntegerWrapper(this, "classes", 0);
    private final ReadOnlyObjectWrapper<SampleTrace> trace = new ReadOnlyObjectWrapper<>(this, "trace");
    private final ReadOnlyIntegerWrapper shown = new ReadOnlyIntegerWrapper(this, "shown", 0);
    private final ReadOnlyIntegerWrapper computed = new ReadOnlyIntegerWrapper(this, "computed", 0);
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing", false);
    private final ReadOnlyObjectWrapper<ReceptiveField> field = new ReadOnlyObjectWrapper<>(this, "field");
    private final ReadOnlyObjectWrapper<float[]> original = new ReadOnlyObjectWrapper<>(this, "original");
    private final ReadOnlyIntegerWrapper testImages = new ReadOnlyIntegerWrapper(this, "testImages", 0);

    private final Comparison comparison;
    private Playback playback;
    private Generation current;
    private int generationId;
    private long lastTick = -1;
    private boolean autoPlay = true;
    /** Pixels per image to show once the next generation is installed (a scene); -1 for none. */
    private int pendingPosition = -1;
    /** Completes once the generation of the latest {@link #reset()} is on show. */
    private CompletableFuture<Void> latestReset = CompletableFuture.completedFuture(null);

    public SampleViewModel(AppContext ctx) {
        this.ctx = ctx;
        this.comparison = new Comparison(ctx, this::reset);
        completion.addListener((obs, o, on) -> countTestImages(on));
        speed.addListener((obs, o, v) -> {
            if (playback != null) {
                playback.setRate(Playback.rateFor(v.doubleValue()));
            }
        });
        ctx.session().modelProperty().addListener((obs, o, m) -> modelChanged(m));
        modelChanged(ctx.session().getModel());
    }

    public IntegerProperty countProperty() {
        return count;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    /** Speed slider, 0..1: 1 pixel/s at 0, 1000 px/s just below 1, as fast as possible at 1. */
    public DoubleProperty speedProperty() {
        return speed;
    }

    public BooleanProperty completionProperty() {
        return completion;
    }

    /** Test image (0..{@link #testImagesProperty()} - 1) whose top rows a completion keeps. */
    public IntegerProperty testImageProperty() {
        return testImage;
    }

    /** Test images of the session's data set; 0 until completion is first switched on and the data are read. */
    public ReadOnlyIntegerProperty testImagesProperty() {
        return testImages.getReadOnlyProperty();
    }

    /** Rows of the test image kept in completion mode (1..H-1). */
    public IntegerProperty keptRowsProperty() {
        return keptRows;
    }

    /** {@link #digitProperty()}'s value for every digit, a row each. */
    public static final int ALL_DIGITS = Generation.ALL_DIGITS;

    /** A class-conditional model's digit to draw, or -1: all, a row of {@link #countProperty()} each. */
    public IntegerProperty digitProperty() {
        return digit;
    }

    /** Classes the current model is conditioned on; 0 when unconditional (no digit to choose). */
    public ReadOnlyIntegerProperty classesProperty() {
        return classes.getReadOnlyProperty();
    }

    /** The request of the generation on show (its labels, for tests), or null. */
    SampleRequest currentRequest() {
        return current == null ? null : current.request();
    }

    public IntegerProperty selectedImageProperty() {
        return selectedImage;
    }

    /** The generation being shown; null before a model is loaded. */
    public ReadOnlyObjectProperty<SampleTrace> traceProperty() {
        return trace.getReadOnlyProperty();
    }

    /** Raster positions shown in every image: the playback position, the grid's source of truth. */
    public ReadOnlyIntegerProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** Raster positions the sampler has finished (may run ahead of {@link #shownProperty()}). */
    public ReadOnlyIntegerProperty computedProperty() {
        return computed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** The current model's measured receptive field; null while it is measured. */
    public ReadOnlyObjectProperty<ReceptiveField> fieldProperty() {
        return field.getReadOnlyProperty();
    }

    /** The binarised test image of a completion (H*W values 0/1), null otherwise. */
    public ReadOnlyObjectProperty<float[]> originalProperty() {
        return original.getReadOnlyProperty();
    }

    /** The second pane: the model compared with and what it draws. */
    Comparison comparison() {
        return comparison;
    }

    /** The model to compare with, {@link CompareSource.None} for one model (the Sample view's "Compare with"). */
    ObjectProperty<CompareSource> compareWithProperty() {
        return comparison.sourceProperty();
    }

    /** The session model's pane: what {@link SampleView} shows left of the compared model. */
    PaneState sessionPane() {
        return new PaneState(
                () -> {
                    PixelModel m = ctx.session().getModel();
                    String from = ctx.session().sourceProperty().get();
                    if (m == null) {
                        return "No model";
                    }
                    return from.startsWith(m.spec().name()) ? from : m.spec().name() + " · " + from;
                },
                () -> current,
                field::get);
    }

    /** The compared model's pane. */
    PaneState comparedPane() {
        return new PaneState(
                () -> {
                    ComparedModel m = comparison.modelProperty().get();
                    return m != null
                            ? m.name()
                            : comparison.sourceProperty().get().label() + " (loading…)";
                },
                comparison::current,
                comparison.fieldProperty()::get);
    }

    /** Of the pixels both panes show, how many differ; zero of zero without a comparison. */
    Agreement agreement() {
        return Agreement.of(current, comparison.current(), shown.get());
    }

    /** Value shown at raster {@code position} of {@code image}: 0 or 1, or -1 if not shown yet. */
    public int valueAt(int image, int position) {
        Generation g = current;
        return g == null ? -1 : g.shownValue(image, position, shown.get());
    }

    /** As {@link #valueAt} in the compared model's pane; -1 without a comparison. */
    int comparedValueAt(int image, int position) {
        return comparison.valueAt(image, position, shown.get());
    }

    /** What the grid shows, image by image in raster order: 0, 1, or -1 for not shown yet. */
    public int[] revealedValues() {
        return current == null ? new int[0] : current.values(shown.get());
    }

    /** The pixel drawn last in the selected image, or null before the first one. */
    public PixelStep currentStep() {
        Generation g = current;
        return g == null ? null : g.shownStep(selectedImage.get(), shown.get());
    }

    /** As {@link #currentStep()} in the compared model's pane; null without a comparison. */
    PixelStep comparedStep() {
        return comparison.step(selectedImage.get(), shown.get());
    }

    /**
     * Starts a new generation (as {@link #reset}) and shows its first {@code position} pixels per
     * image, paused: how a scene restores the step a demo was at.
     */
    public void resetShowing(int position) {
        autoPlay = false;
        pendingPosition = Math.max(0, position);
        reset();
    }

    /** Shows one more pixel in every image (pauses; waits for the sampler if it is behind). */
    public void stepPixel() {
        autoPlay = false;
        act(p -> p.step(1, cursor()));
    }

    /** Shows one more row (W pixels) in every image. */
    public void stepRow() {
        autoPlay = false;
        act(p -> p.stepRow(cursor()));
    }

    /** Plays (replays from the start when at the end) or pauses; new generations follow suit. */
    public void playPause() {
        act(p -> p.togglePlay(cursor()));
        autoPlay = playback == null ? !autoPlay : playback.playing() || playback.atEnd();
    }

    /** Plays from the position shown; unlike {@link #playPause()}, never pauses. */
    public void play() {
        autoPlay = true;
        act(p -> {
            if (!p.playing()) {
                p.togglePlay(cursor());
            }
        });
    }

    /**
     * Pauses with every pixel up to and including ({@code row}, {@code col}) shown, so the
     * context panel shows that pixel: back at once, forward as soon as the sampler gets there.
     * The same call always ends at the same pixel (a guided tour's step).
     */
    public void showPixel(int row, int col) {
        Generation g = current;
        if (g == null) {
            return;
        }
        autoPlay = false;
        int position = row * g.trace().width() + col + 1;
        act(p -> p.seek(position, cursor()));
    }

    /**
     * Compares with the model called {@code name} ("shipped" for the pretrained checkpoint, a
     * registered spec's name for a new untrained network of it) or, for null, ends the
     * comparison. Completes on the FX thread once both panes have started drawing anew (at once
     * when the choice is already made).
     *
     * @throws IllegalArgumentException for a name no spec has
     */
    public CompletableFuture<Void> compareWith(String name) {
        return comparison.select(CompareSource.named(name));
    }

    public void pause() {
        autoPlay = false;
        act(Playback::pause);
    }

    public void finish() {
        act(p -> p.finish(cursor()));
    }

    /** Called every frame by the view's animation timer with its time stamp in nanoseconds. */
    public void tick(long now) {
        double dt = lastTick < 0 ? 0 : (now - lastTick) / 1e9;
        lastTick = now;
        act(p -> p.tick(dt, cursor()));
    }

    /**
     * A new generation with the current count, seed, temperature and completion settings; when
     * comparing, one for each model, from the same settings, shown once both are ready. The future
     * completes on the FX thread once the newest generation is on show (or has failed, which is
     * reported), so a later reset that replaces this one completes it too.
     */
    public CompletableFuture<Void> reset() {
        PixelModel model = ctx.session().getModel();
        if (current != null) {
            current.cancel();
        }
        comparison.cancel();
        int id = ++generationId;
        CompletableFuture<Void> onShow = new CompletableFuture<>();
        CompletableFuture<Void> previous = latestReset;
        latestReset = onShow;
        onShow.whenComplete((v, e) -> previous.complete(null));
        if (model == null) {
            install(null, null);
            onShow.complete(null);
            return onShow;
        }
        Generation.Settings settings = new Generation.Settings(
                        count.get(), seed.get(), temperature.get(), completion.get(), testImage.get(), keptRows.get())
                .withDigit(digit.get());
        CompletableFuture<Generation> main = Generation.prepare(ctx, model, settings);
        CompletableFuture<Generation> second = comparison.prepare(settings);
        CompletableFuture.allOf(main, second)
                .whenCompleteAsync(
                        (v, e) -> {
                            Generation a = succeeded(main);
                            Generation b = succeeded(second);
                            if (id == generationId && e == null) {
                                install(a, b);
                                start(a, b);
                                onShow.complete(null);
                                return;
                            }
                            for (Generation g : new Generation[] {a, b}) {
                                if (g != null) {
                                    g.discard();
                                }
                            }
                            if (id == generationId) {
                                ctx.errors().report("Cannot sample", e);
                                onShow.complete(null);
                            }
                        },
                        ctx.jobs().fx());
        return onShow;
    }

    private static Generation succeeded(CompletableFuture<Generation> f) {
        return f.isDone() && !f.isCompletedExceptionally() ? f.join() : null;
    }

    /** Writes what the grid shows now as a PNG (both panes side by side while comparing), on a worker. */
    public CompletableFuture<Path> exportPng(Path file) {
        return Exports.png(ctx, file, sessionPane(), comparedPane(), shown.get());
    }

    /** Writes the generation so far (everything the sampler has finished) as an animated GIF. */
    public CompletableFuture<Path> exportGif(Path file) {
        return Exports.gif(ctx, file, trace.get());
    }

    private void start(Generation g, Generation second) {
        ctx.status().show("Sampling " + g.request().count() + " images…", -1);
        CompletableFuture<Void> runs =
                second == null ? g.run(ctx) : CompletableFuture.allOf(g.run(ctx), second.run(ctx));
        runs.whenCompleteAsync(
                (v, e) -> {
                    if (current == g) {
                        act(p -> p.tick(0, cursor()));
                        if (e != null) {
                            ctx.status().idle("Sampling failed");
                            ctx.errors().report("Sampling failed", e);
                        } else if (!g.cancelled()) {
                            ctx.status()
                                    .idle(
                                            second == null
                                                    ? String.format(
                                                            "Sampled %d images in %.1f s",
                                                            g.request().count(), g.seconds())
                                                    : String.format(
                                                            "Sampled %d images in each pane: %.1f s and %.1f s",
                                                            g.request().count(), g.seconds(), second.seconds()));
                        }
                    }
                },
                ctx.jobs().fx());
    }

    /**
     * Makes {@code g} the generation on show. Listeners of {@link #traceProperty()} redraw at
     * once and read {@link #valueAt} and {@link #currentStep()}, which combine the trace with the
     * playback position, so the position is brought in line with the new generation (nothing
     * drawn yet beyond its kept rows) before any property changes.
     */
    private void install(Generation g, Generation second) {
        current = g;
        comparison.install(second);
        playback = g == null
                ? null
                : new Playback(g.start(), g.trace().pixelsPerImage(), g.trace().width());
        if (playback != null) {
            playback.setRate(Playback.rateFor(speed.get()));
            if (pendingPosition >= 0) {
                playback.step(Math.max(0, pendingPosition - playback.position()), 0);
                pendingPosition = -1;
            } else if (autoPlay) {
                playback.togglePlay(0);
            }
        }
        sync();
        if (g != null) {
            selectedImage.set(Math.min(selectedImage.get(), g.trace().count() - 1));
        }
        original.set(g == null ? null : g.original());
        trace.set(g == null ? null : g.trace());
        comparison.publish();
    }

    private void modelChanged(PixelModel m) {
        field.set(null);
        classes.set(m == null ? 0 : m.spec().classes());
        comparison.sessionModelChanged(m);
        reset();
        if (m != null) {
            ctx.session()
                    .fields()
                    .of(m)
                    .whenCompleteAsync(
                            (rf, e) -> {
                                if (ctx.session().getModel() != m) {
                                    return;
                                }
                                if (e != null) {
                                    ctx.errors().report("Cannot measure the receptive field", e);
                                } else {
                                    field.set(rf);
                                }
                            },
                            ctx.jobs().fx());
        }
    }

    /**
     * The sampler's progress in the generation on show (not the trace property, which follows it);
     * when comparing, the slower of the two samplers', so playback waits for both.
     */
    private int cursor() {
        int c = current == null ? 0 : current.trace().cursor();
        return comparison.current() == null ? c : Math.min(c, comparison.cursor());
    }

    private void act(Consumer<Playback> action) {
        if (playback != null) {
            action.accept(playback);
        }
        sync();
    }

    private void sync() {
        shown.set(playback == null ? 0 : playback.position());
        computed.set(cursor());
        playing.set(playback != null && playback.playing());
    }

    /** Counts the data set's test images once; a failed read is reported by the completion that needs the image. */
    private void countTestImages(boolean on) {
        if (on && testImages.get() == 0) {
            ctx.session()
                    .mnist()
                    .thenAcceptAsync(
                            m -> testImages.set(m.test().count()), ctx.jobs().fx());
        }
    }
}
