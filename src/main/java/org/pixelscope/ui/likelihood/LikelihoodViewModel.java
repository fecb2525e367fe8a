package org.pixelscope.ui.likelihood;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.pixelscope.data.Binarization;
import org.pixelscope.data.ImageSet;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.PixelModel;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.ErrorReporter;

/**
 * The state of the Likelihood view: which image is shown (a test image under the fixed test
 * binarisation, or the user's drawing), its {@link LikelihoodMap} under the session's current
 * model, and the {@link RankingJob ranking} of the test images.
 *
 * <p>Maps are computed on a worker through {@code ctx.session().read(...)} (between iterations
 * while a run trains). Requests coalesce: at most one computation is in flight, a request made
 * meanwhile replaces any older one still waiting, and a new computation starts at most every
 * {@link #RECOMPUTE_INTERVAL}, so dragging the pen over the canvas never queues up work. Each
 * computation publishes once, with one {@code whenCompleteAsync} on the FX executor. A new
 * model, or the end of a training run, recomputes the map and makes the ranking stale.
 *
 * <p>Thread: FX only.
 */
public final class LikelihoodViewModel {

    /** The shortest time between two map computations while the user draws. */
    public static final Duration RECOMPUTE_INTERVAL = Duration.ofMillis(100);

    /** Where the shown image comes from. */
    public enum Source {
        TEST,
        DRAWN
    }

    private sealed interface Request permits TestImage, Drawn {}

    /** Test image {@code index}; shown as a drawing to edit when {@code draw}. */
    private record TestImage(int index, boolean draw) implements Request {}

    private record Drawn(float[] pixels) implements Request {}

    /** What one computation found: the map, and for a test image its label and the test set's size. */
    private record Result(LikelihoodMap map, int label, int testCount) {}

    private final AppContext ctx;
    private final long minIntervalNanos;
    private final RankingJob ranking;
    private final IntegerProperty testIndex = new SimpleIntegerProperty(this, "testIndex", 0);
    private final ReadOnlyIntegerWrapper testCount = new ReadOnlyIntegerWrapper(this, "testCount", 0);
    private final ReadOnlyIntegerWrapper label = new ReadOnlyIntegerWrapper(this, "label", -1);
    private final ReadOnlyObjectWrapper<Source> source = new ReadOnlyObjectWrapper<>(this, "source", Source.TEST);
    private final ReadOnlyObjectWrapper<float[]> image = new ReadOnlyObjectWrapper<>(this, "image");
    private final ReadOnlyObjectWrapper<LikelihoodMap> map = new ReadOnlyObjectWrapper<>(this, "map");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final BooleanProperty eraser = new SimpleBooleanProperty(this, "eraser", false);
    private final IntegerProperty keptRows = new SimpleIntegerProperty(this, "keptRows", 14);
    private final ReadOnlyBooleanWrapper completing = new ReadOnlyBooleanWrapper(this, "completing");
    private long completions;
    private boolean inFlight;
    private Request pending;
    private long lastStart;

    /** The app's view model: ranks every test image, recomputes at most every {@link #RECOMPUTE_INTERVAL}. */
    public LikelihoodViewModel(AppContext ctx) {
        this(ctx, 0, RECOMPUTE_INTERVAL);
    }

    /**
     * @param rankLimit   test images the ranking scores, the first ones; 0 for all (tests score a few)
     * @param minInterval shortest time between two map computations (tests use zero)
     */
    LikelihoodViewModel(AppContext ctx, int rankLimit, Duration minInterval) {
        this.ctx = ctx;
        this.minIntervalNanos = minInterval.toNanos();
        this.lastStart = System.nanoTime() - minIntervalNanos;
        this.ranking = new RankingJob(ctx, rankLimit);
        testIndex.addListener((obs, was, is) -> request(new TestImage(is.intValue(), false)));
        ctx.session().modelProperty().addListener(o -> recompute());
        // the session sets a new history after each new model and at the end of each run: the
        // weights have changed then, so the ranking is stale
        ctx.session().historyProperty().addListener(o -> {
            recompute();
            ranking.modelChanged();
        });
        request(new TestImage(0, false));
    }

    /** The test image shown (or last shown); setting it shows that image and its map. */
    public IntegerProperty testIndexProperty() {
        return testIndex;
    }

    /** Images in the test set once the data has loaded, 0 before. */
    public ReadOnlyIntegerProperty testCountProperty() {
        return testCount.getReadOnlyProperty();
    }

    /** The shown test image's label, -1 for a drawing. */
    public ReadOnlyIntegerProperty labelProperty() {
        return label.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Source> sourceProperty() {
        return source.getReadOnlyProperty();
    }

    /** The shown image, 0/1 per pixel in raster order; a new array on every change, never written. */
    public ReadOnlyObjectProperty<float[]> imageProperty() {
        return image.getReadOnlyProperty();
    }

    /** The map of the shown image (while drawing, of the image as it was up to a tenth of a second ago). */
    public ReadOnlyObjectProperty<LikelihoodMap> mapProperty() {
        return map.getReadOnlyProperty();
    }

    /** Why there is no map (no model, unreadable data), else empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** When set, the primary button erases instead of inking. */
    public BooleanProperty eraserProperty() {
        return eraser;
    }

    /** Rows of the shown image that {@link #complete()} keeps. */
    public IntegerProperty keptRowsProperty() {
        return keptRows;
    }

    /** True while the model completes an image. */
    public ReadOnlyBooleanProperty completingProperty() {
        return completing.getReadOnlyProperty();
    }

    /**
     * Lets the current model draw the shown image anew below its top {@link #keptRowsProperty()
     * rows}; the result becomes the drawing, with its map. Each call draws with a new seed.
     */
    public void complete() {
        float[] shown = image.get();
        PixelModel model = ctx.session().getModel();
        if (shown == null || model == null || completing.get()) {
            return;
        }
        completing.set(true);
        Completion.of(ctx, shown, keptRows.get(), ++completions)
                .whenCompleteAsync(
                        (pixels, error) -> {
                            completing.set(false);
                            if (error != null) {
                                ctx.errors().report("Cannot complete the image", error);
                            } else if (model == ctx.session().getModel()) {
                                draw(pixels);
                            }
                        },
                        ctx.jobs().fx());
    }

    /** The most and least likely test images; null until ranked, and again when the model changes. */
    public ReadOnlyObjectProperty<Ranking> rankingProperty() {
        return ranking.rankingProperty();
    }

    public ReadOnlyBooleanProperty rankingBusyProperty() {
        return ranking.busyProperty();
    }

    /** Scores the test images with the current model (unless this model's ranking is at hand) and keeps it ranked. */
    public void rank() {
        ranking.rank();
    }

    /** Shows test image {@code index}, which may be the one already shown. */
    public void showTest(int index) {
        if (index == testIndex.get()) {
            request(new TestImage(index, false));
        } else {
            testIndex.set(index);
        }
    }

    /** Steps the test image by {@code delta}, within the test set. */
    public void step(int delta) {
        int max = testCount.get() > 0 ? testCount.get() - 1 : Integer.MAX_VALUE;
        testIndex.set(Math.max(0, Math.min(max, testIndex.get() + delta)));
    }

    /**
     * Sets the pixels at raster {@code positions} to ink (1) or background (0) in the drawing,
     * which starts as a copy of the image shown, and recomputes its map. Positions outside the
     * image are ignored.
     */
    public void paint(int[] positions, boolean ink) {
        float[] now = image.get() != null ? image.get() : new float[pixels()];
        float[] next = now.clone();
        boolean changed = false;
        for (int k : positions) {
            if (k >= 0 && k < next.length && next[k] != (ink ? 1f : 0f)) {
                next[k] = ink ? 1f : 0f;
                changed = true;
            }
        }
        if (changed || source.get() != Source.DRAWN) {
            draw(next);
        }
    }

    /** An empty drawing. */
    public void clear() {
        draw(new float[pixels()]);
    }

    /** Copies the current test image into the drawing. */
    public void startFromTest() {
        if (source.get() == Source.TEST && image.get() != null) {
            draw(image.get().clone());
        } else {
            request(new TestImage(testIndex.get(), true));
        }
    }

    private void draw(float[] pixels) {
        source.set(Source.DRAWN);
        label.set(-1);
        image.set(pixels);
        request(new Drawn(pixels));
    }

    private int pixels() {
        PixelModel m = ctx.session().getModel();
        return m == null
                ? MnistData.SIDE * MnistData.SIDE
                : m.spec().height() * m.spec().width();
    }

    /** Recomputes the map of the image shown (a drawing of another size than the model's is dropped). */
    private void recompute() {
        float[] drawn = image.get();
        if (source.get() == Source.DRAWN && drawn != null && drawn.length == pixels()) {
            request(new Drawn(drawn));
        } else {
            request(new TestImage(testIndex.get(), false));
        }
    }

    private void request(Request r) {
        pending = r;
        startNext();
    }

    private void startNext() {
        if (inFlight || pending == null) {
            return;
        }
        long wait = lastStart + minIntervalNanos - System.nanoTime();
        if (wait > 0) {
            inFlight = true; // the slot is taken until the wait ends; newer requests replace pending
            CompletableFuture.delayedExecutor(
                            wait, TimeUnit.NANOSECONDS, ctx.jobs().fx())
                    .execute(() -> {
                        inFlight = false;
                        startNext();
                    });
            return;
        }
        Request r = pending;
        pending = null;
        inFlight = true;
        lastStart = System.nanoTime();
        PixelModel model = ctx.session().getModel();
        compute(r, model)
                .whenCompleteAsync(
                        (result, error) -> finished(r, model, result, error),
                        ctx.jobs().fx());
    }

    private void finished(Request r, PixelModel model, Result result, Throwable error) {
        inFlight = false;
        // a newer request for another image makes this result stale; a newer stroke of the same
        // drawing does not: showing the map as of the last stroke keeps it moving while the pen moves
        boolean current = model == ctx.session().getModel()
                && (pending == null || (r instanceof Drawn && pending instanceof Drawn));
        if (current) {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                if (!(cause instanceof CancellationException)) {
                    map.set(null);
                    message.set("No map: " + ErrorReporter.messageOf(error));
                }
            } else {
                show(r, result);
            }
        }
        startNext();
    }

    private void show(Request r, Result result) {
        if (r instanceof TestImage t) {
            source.set(t.draw() ? Source.DRAWN : Source.TEST);
            label.set(t.draw() ? -1 : result.label());
            image.set(result.map().pixels());
            testCount.set(result.testCount());
        }
        message.set("");
        map.set(result.map());
    }

    private CompletableFuture<Result> compute(Request r, PixelModel model) {
        if (model == null) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("no model is loaded: open a checkpoint or create a model"));
        }
        if (r instanceof Drawn d) {
            return ctx.session().read(m -> new Result(LikelihoodMap.of(m, d.pixels()), -1, 0));
        }
        int index = ((TestImage) r).index();
        return ctx.session()
                .mnist()
                .thenCompose(mnist -> ctx.session().read(m -> {
                    float[] pixels = testImage(
                            mnist.test(), index, m.spec().height(), m.spec().width());
                    return new Result(
                            LikelihoodMap.of(m, pixels),
                            mnist.testLabels()[index] & 0xFF,
                            mnist.test().count());
                }));
    }

    /** Test image {@code index} under the fixed test binarisation that {@code eval} scores. */
    static float[] testImage(ImageSet test, int index, int height, int width) {
        if (test.rows() != height || test.cols() != width) {
            throw new IllegalArgumentException("the test images are " + test.rows() + "x" + test.cols()
                    + " but the model reads " + height + "x" + width);
        }
        if (index < 0 || index >= test.count()) {
            throw new IllegalArgumentException("test image must be 0.." + (test.count() - 1) + ", got " + index);
        }
        return Binarization.STOCHASTIC.binarizeImage(test, index, Binarization.FIXED_TEST_SEED);
    }
}
