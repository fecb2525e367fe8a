package org.pixelscope.ui.sample;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pixelscope.data.GreyLevels;
import org.pixelscope.data.ImageSet;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.sample.PixelStep;
import org.pixelscope.sample.RasterSampler;
import org.pixelscope.sample.SampleRequest;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.sample.SamplerKind;
import org.pixelscope.ui.AppContext;

/**
 * One run of the raster sampler: the request, the trace it fills, and for a completion the test
 * image whose top rows it keeps. {@link #prepare} gathers what the run needs off the FX thread
 * (a snapshot of the weights, the binarised test image); {@link #run} starts the sampler.
 *
 * <p>Thread: created and read on any thread; the sampler writes the trace on a worker.
 */
final class Generation {

    /**
     * What the user asked for. {@code keptRows} and {@code testImage} apply when {@code complete};
     * {@code digit} to a class-conditional model: the class to draw, or {@link #ALL_DIGITS}.
     */
    record Settings(
            int count, long seed, double temperature, boolean complete, int testImage, int keptRows, int digit) {

        Settings(int count, long seed, double temperature, boolean complete, int testImage, int keptRows) {
            this(count, seed, temperature, complete, testImage, keptRows, ALL_DIGITS);
        }

        Settings withDigit(int digit) {
            return new Settings(count, seed, temperature, complete, testImage, keptRows, digit);
        }
    }

    /** Every class, one grid row each. */
    static final int ALL_DIGITS = -1;

    private final SampleRequest request;
    private final SampleTrace trace;
    private final float[] original;
    private final PixelModel copy;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile long startedNanos;
    private volatile long endedNanos;

    private Generation(SampleRequest request, SampleTrace trace, float[] original, PixelModel copy) {
        this.request = request;
        this.trace = trace;
        this.original = original;
        this.copy = copy;
    }

    /**
     * A generation for the session's current model, ready to {@link #run}; completes on a worker.
     * A completion uses test image {@code testImage}, binarised with the fixed test seed as the
     * CLI does (quantised for a model with K grey levels), repeated {@code count} times (each image draws from its own random stream).
     */
    static CompletableFuture<Generation> prepare(AppContext ctx, PixelModel model, Settings s) {
        return prepare(ctx, model.spec(), ctx.session().snapshot(), s);
    }

    /**
     * A generation for {@code spec} that samples {@code snapshot} (a copy of the weights that the
     * generation then owns, for example the compared model's), otherwise as {@link #prepare(AppContext,
     * PixelModel, Settings)}: the same settings give the same request, seed and random numbers.
     */
    static CompletableFuture<Generation> prepare(
            AppContext ctx, ModelSpec spec, CompletableFuture<PixelModel> snapshot, Settings s) {
        int h = spec.height();
        int w = spec.width();
        int[] labels = labels(spec.classes(), s);
        int n = labels != null ? labels.length : Math.max(1, Math.min(SampleRequest.MAX_COUNT, s.count()));
        int columns = labels != null && s.digit() == ALL_DIGITS
                ? n / Math.min(spec.classes(), SampleRequest.MAX_COUNT)
                : (int) Math.ceil(Math.sqrt(n));
        CompletableFuture<float[]> image = s.complete()
                ? ctx.session().mnist().thenApply(mnist -> testImage(mnist.test(), s.testImage(), h, w, spec.levels()))
                : CompletableFuture.completedFuture(null);
        return image.whenComplete((img, e) -> {
                    if (e != null) {
                        snapshot.thenAccept(PixelModel::close); // the run will not happen: free the copy
                    }
                })
                .thenCombine(snapshot, (img, copy) -> {
                    int rows = Math.max(1, Math.min(h - 1, s.keptRows()));
                    SampleRequest request = (img == null
                                    ? SampleRequest.fresh(n, s.seed(), s.temperature())
                                    : new SampleRequest(n, s.seed(), s.temperature(), repeat(img, n), rows))
                            .withLabels(labels);
                    return new Generation(request, new SampleTrace(n, h, w, columns, spec.levels()), img, copy);
                });
    }

    /**
     * Each image's class for a model of {@code classes} classes, or null for an unconditional one:
     * {@code count} images of the chosen digit, or for all digits one row of {@code count} per
     * class, fewer when that would pass {@link SampleRequest#MAX_COUNT} (and only the first
     * {@code MAX_COUNT} classes of a model with more).
     */
    static int[] labels(int classes, Settings s) {
        if (classes == 0) {
            return null;
        }
        int count = Math.max(1, s.count());
        if (s.digit() >= 0 && s.digit() < classes) {
            int[] same = new int[Math.min(SampleRequest.MAX_COUNT, count)];
            java.util.Arrays.fill(same, s.digit());
            return same;
        }
        int[] all = new int[Math.min(classes, SampleRequest.MAX_COUNT)];
        for (int y = 0; y < all.length; y++) {
            all[y] = y;
        }
        return SampleRequest.rowsOf(all, Math.min(count, SampleRequest.MAX_COUNT / all.length));
    }

    /**
     * Runs the sampler on a worker; the future completes when it finishes or is cancelled. The
     * generation owns its copy of the weights and closes it when the run ends: the trace holds
     * everything the view shows afterwards.
     */
    CompletableFuture<Void> run(AppContext ctx) {
        return ctx.jobs().submit(() -> {
            startedNanos = System.nanoTime();
            try (copy) {
                new RasterSampler(SamplerKind.fastest(copy.spec())).sample(copy, request, trace, cancelled::get);
            } finally {
                endedNanos = System.nanoTime();
            }
            return null;
        });
    }

    /** Seconds the sampler has run so far (all of its run once it ended); 0 before it starts. */
    double seconds() {
        long start = startedNanos;
        long end = endedNanos;
        return start == 0 ? 0 : ((end == 0 ? System.nanoTime() : end) - start) / 1e9;
    }

    /** Frees the copy of a generation that will never {@link #run} (a newer one replaced it first). */
    void discard() {
        cancel();
        copy.close();
    }

    void cancel() {
        cancelled.set(true);
    }

    boolean cancelled() {
        return cancelled.get();
    }

    SampleTrace trace() {
        return trace;
    }

    SampleRequest request() {
        return request;
    }

    /** The binarised test image of a completion, or null. */
    float[] original() {
        return original;
    }

    /** First generated raster position: after the kept rows of a completion, else 0. */
    int start() {
        return Math.min(trace.height(), request.prefixRows()) * trace.width();
    }

    /**
     * Pixel value at {@code position} of {@code image}: kept rows come from the request (so they
     * show before the sampler copies them), the rest from the trace, valid below its cursor.
     */
    int value(int image, int position) {
        return position < start()
                ? (int) request.prefix()[image * trace.pixelsPerImage() + position]
                : trace.value(image, position);
    }

    /** True when {@code position} of {@code image} has a value: a kept pixel, or one the sampler has drawn. */
    boolean has(int image, int position) {
        return image >= 0
                && image < trace.count()
                && position >= 0
                && (position < start() || position < trace.cursor());
    }

    /** Value shown at {@code position} of {@code image} with the playback at {@code shown}: the level (0/1, or 0..K-1), or -1 if not shown. */
    int shownValue(int image, int position, int shown) {
        return position >= shown || !has(image, position) ? -1 : value(image, position);
    }

    /** The pixel shown last in {@code image} with the playback at {@code shown}, or null before the first one. */
    PixelStep shownStep(int image, int shown) {
        int k = shown - 1;
        int i = Math.min(image, trace.count() - 1);
        return k >= 0 && has(i, k) ? step(i, k) : null;
    }

    /** Every image's values in raster order, -1 from {@code shown} on. */
    int[] values(int shown) {
        int n = trace.pixelsPerImage();
        int[] out = new int[trace.count() * n];
        for (int i = 0; i < trace.count(); i++) {
            for (int k = 0; k < n; k++) {
                out[i * n + k] = k < shown ? value(i, k) : -1;
            }
        }
        return out;
    }

    /** The pixel at {@code position} of {@code image}; kept pixels have probability NaN ("given"). */
    PixelStep step(int image, int position) {
        if (position < start()) {
            // shown at once, possibly before the sampler has copied them into the trace
            return new PixelStep(
                    image, position / trace.width(), position % trace.width(), Double.NaN, value(image, position));
        }
        return trace.step(image, position);
    }

    private static float[] testImage(ImageSet test, int index, int h, int w, int levels) {
        if (test.rows() != h || test.cols() != w) {
            throw new IllegalArgumentException(
                    "test images are " + test.rows() + "x" + test.cols() + " but the model draws " + h + "x" + w);
        }
        if (index < 0 || index >= test.count()) {
            throw new IllegalArgumentException("test image must be 0.." + (test.count() - 1) + ", got " + index);
        }
        return new GreyLevels(levels).evaluationLevels(test, index);
    }

    private static float[] repeat(float[] image, int n) {
        float[] out = new float[n * image.length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(image, 0, out, i * image.length, image.length);
        }
        return out;
    }
}
