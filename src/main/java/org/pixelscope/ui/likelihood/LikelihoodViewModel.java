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
import org.pixelscope.data.MnistData;
import org.pixelscope.model.PixelModel;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.ErrorReporter;

/**
 * The state of the Likelihood view: which image is shown (a test image under the fixed test
 * binarisation, or the user's drawing), its {@link LikelihoodMap} under the session's current
 * model, for a class-conditional model its {@link ClassPosterior} (the likelihood under each
 * label, and p(y | x)) and the label the map is conditioned on, and the {@link RankingJob
 * ranking} of the test images.
 *
 * <p>Maps are computed on a worker through {@code ctx.session().read(...)} (between iterations
 * while a run trains). Requests coalesce: at most one computation is in flight, a request made
 * meanwhile replaces any older one still waiting, and a new computation starts at most every
 * {@link #RECOMPUTE_INTERVAL}, so dragging the pen over the canvas never queues up work. One
 * computation scores the image completely ({@link ImageScore}: the map and, for a conditional
 * model, the ten likelihoods), so the bars and the map always describe the same image. Each
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

    /** What one computation found: the image's scores, and for a test image its label and the test set's size. */
    private record Result(ImageScore score, int label, int testCount) {}

    private final AppContext ctx;
    private final long minIntervalNanos;
    private final RankingJob ranking;
    private final IntegerProperty testIndex = new SimpleIntegerProperty(this, "testIndex", 0);
    private final ReadOnlyIntegerWrapper testCount = new ReadOnlyIntegerWrapper(this, "testCount", 0);
    private final ReadOnlyIntegerWrapper label = new ReadOnlyIntegerWrapper(this, "label", -1);
    private final ReadOnlyObjectWrapper<Source> source = new ReadOnlyObjectWrapper<>(this, "source", Source.TEST);
    private final ReadOnlyObjectWrapper<float[]> image = new ReadOnlyObjectWrapper<>(this, "image");
    private final ReadOnlyObjectWrapper<LikelihoodMap> map = new ReadOnlyObjectWrapper<>(this, "map");
    private final ReadOnlyObjectWrapper<ClassPosterior> posterior = new ReadOnlyObjectWrapper<>(this, "posterior");
    private final ReadOnlyIntegerWrapper classes = new ReadOnlyIntegerWrapper(this, "classes", 0);
    private final IntegerProperty givenDigit =
            new SimpleIntegerProperty(this, "givenDigit", ImageScore.GIVEN_TRUE_LABEL);
    private final ReadOnlyIntegerWrapper mapDigit = new ReadOnlyIntegerWrapper(this, "mapDigit", -1);
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
        ctx.session().modelProperty().addListener(o -> {
            classes.set(classesOf(ctx.session().getModel()));
            recompute();
        });
        classes.set(classesOf(ctx.session().getModel()));
        givenDigit.addListener(o -> recompute());
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

    /**
     * A class-conditional model's verdict on the shown image (as of its map): -log p(x | y) for every
     * label and p(y | x); null for an unconditional model or while there is no map.
     */
    public ReadOnlyObjectProperty<ClassPosterior> posteriorProperty() {
        return posterior.getReadOnlyProperty();
    }

    /** Labels the current model is conditioned on; 0 when it is unconditional (no likelihoods per label to show). */
    public ReadOnlyIntegerProperty classesProperty() {
        return classes.getReadOnlyProperty();
    }

    /**
     * Which p(x | y) a conditional model's map shows: a digit, {@link ImageScore#GIVEN_TRUE_LABEL}
     * (the default) or {@link ImageScore#GIVEN_MIXTURE}. Setting it recomputes the map.
     */
    public IntegerProperty givenDigitProperty() {
        return givenDigit;
    }

    /** The digit the shown map is conditioned on; -1 for the mixture over digits or an unconditional model. */
    public ReadOnlyIntegerProperty mapDigitProperty() {
        return mapDigit.getReadOnlyProperty();
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
                    posterior.set(null);
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
            image.set(result.score().map().pixels());
            testCount.set(result.testCount());
        }
        message.set("");
        mapDigit.set(result.score().mapDigit());
        posterior.set(result.score().posterior());
        map.set(result.score().map());
    }

    private static int classesOf(PixelModel m) {
        return m == null ? 0 : m.spec().classes();
    }

    private CompletableFuture<Result> compute(Request r, PixelModel model) {
        if (model == null) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("no model is loaded: open a checkpoint or create a model"));
        }
        int given = givenDigit.get();
        if (r instanceof Drawn d) {
            return ctx.session().read(m -> new Result(ImageScore.of(m, d.pixels(), -1, given), -1, 0));
        }
        TestImage t = (TestImage) r;
        return ctx.session()
                .mnist()
                .thenCompose(mnist -> ctx.session().read(m -> {
                    float[] pixels = ImageScore.testImage(
                            mnist.test(), t.index(), m.spec().height(), m.spec().width(), m.levels());
                    int label = mnist.testLabels()[t.index()] & 0xFF;
                    // a test image copied into the drawing is a drawing: it has no label to condition on
                    return new Result(
                            ImageScore.of(m, pixels, t.draw() ? -1 : label, given),
                            label,
                            mnist.test().count());
                }));
    }
}
