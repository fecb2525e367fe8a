package org.pixelscope.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.pixelscope.backend.Backend;
import org.pixelscope.backend.OpenMpWait;
import org.pixelscope.model.LevelOutput;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;
import org.pixelscope.sample.RasterSampler;
import org.pixelscope.sample.SampleRequest;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.sample.SamplerKind;

/**
 * Speed figures of a model on this machine: training throughput, forward latency and sampling
 * rate for every sampler that applies to it ({@link SamplerKind}), and which of them the GUI and
 * {@code sample} use. Medians over timed repetitions after warm-up; figures, not pass/fail (the
 * machines are shared and noisy, so compare ratios within one run). {@code step_ms} splits one
 * training step by layer ({@link StepProfile}); {@code rss_mb} is the resident memory at the end
 * ({@link ResidentMemory}), and {@code train_rss_growth_mb} how much it grew over the timed
 * training steps, after the warm-up ones (a native leak shows here: the Diagonal BiLSTM's once
 * grew by about 100 MB a step).
 *
 * <p>Thread: runs on the caller's thread.
 */
public final class Benchmark {

    private Benchmark() {}

    /**
     * How long to measure: training warms up for at least {@code warmup} steps and at least
     * {@code warmupSeconds} (at most {@link #MAX_WARMUP_STEPS} steps), then times
     * {@code iterations} steps.
     */
    public record Settings(
            int batch, int warmup, double warmupSeconds, int iterations, int sampleImages, int sampleRows) {

        /**
         * 3 steps and 10 s of warm-up: a training step of the chapter model took ~1.0 s in its first
         * five steps and settled at ~0.65-0.7 s after 15-25 (the JIT compiling the Java passes,
         * workspaces growing to size); with 3 steps alone the first model of {@code --model all}
         * measured slower than the same arithmetic later in the process.
         */
        public static Settings defaults() {
            return new Settings(64, 3, 10, 10, 16, 2);
        }

        /** {@code warmup} steps, no minimum time. */
        public Settings(int batch, int warmup, int iterations, int sampleImages, int sampleRows) {
            this(batch, warmup, 0, iterations, sampleImages, sampleRows);
        }
    }

    /** The most training steps a warm-up runs, whatever its time. */
    static final int MAX_WARMUP_STEPS = 100;

    /**
     * Ordered figures, keyed as in {@code bench --json}. The model is closed and the calling
     * thread's ND4J workspaces destroyed before this returns, so {@code --model all} does not keep
     * every model's native arrays until a garbage collection, and each model's {@code rss_mb}
     * holds no working memory sized by the models before it (DL4J's per-thread workspaces grow to
     * the largest pass the thread has run and never shrink: the app's workers free theirs after
     * each job the same way).
     */
    public static Map<String, Object> run(ModelSpec spec, Settings s) {
        try (PixelModel built = NetworkBuilder.build(spec, 1, 1e-3)) {
            // a class-conditional model is timed under one label: what a chosen digit costs
            return run(built.conditional() ? built.given(0) : built, s);
        } finally {
            try {
                Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
            } catch (RuntimeException | LinkageError e) {
                // ND4J failed to start: the error on its way out says so, not this one
            }
        }
    }

    private static Map<String, Object> run(PixelModel model, Settings s) {
        Backend.Info backend = Backend.start();
        ModelSpec spec = model.spec();
        int h = spec.height();
        int w = spec.width();
        SplittableRandom rnd = new SplittableRandom(1);
        INDArray x = binary(rnd, s.batch(), h, w);
        DataSet batch = new DataSet(x, x);
        long warmStart = System.nanoTime();
        for (int i = 0;
                i < MAX_WARMUP_STEPS && (i < s.warmup() || System.nanoTime() - warmStart < s.warmupSeconds() * 1e9);
                i++) {
            model.fit(batch);
        }
        double[] step = new double[s.iterations()];
        double rssWarm = ResidentMemory.megabytes();
        for (int i = 0; i < s.iterations(); i++) {
            long t0 = System.nanoTime();
            model.fit(batch);
            step[i] = (System.nanoTime() - t0) / 1e9;
        }
        // a leak shows here: a native op that keeps memory grows this by its size every step
        double rssGrowth = Math.round((ResidentMemory.megabytes() - rssWarm) * 10) / 10.0;
        INDArray x16 = binary(rnd, 16, h, w);
        double[] fwd = new double[s.iterations()];
        for (int i = 0; i < s.warmup() + s.iterations(); i++) {
            long t0 = System.nanoTime();
            model.probabilities(x16);
            if (i >= s.warmup()) {
                fwd[i - s.warmup()] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", spec.name());
        if (spec.levels() != 2) {
            r.put("levels", spec.levels());
        }
        r.put("parameters", model.parameterCount());
        r.put("batch", s.batch());
        r.put("train_images_per_s", round(s.batch() / median(step)));
        r.put("train_rss_growth_mb", rssGrowth);
        r.put("forward_ms_16", round(median(fwd)));
        // where a training step's time goes, per layer (forward + backward) and the rest
        r.put(
                "step_ms",
                StepProfile.measure(
                        model.network(),
                        model.inputs(x),
                        LevelOutput.targets(x, spec.levels()),
                        median(step) * 1000,
                        Math.max(1, Math.min(3, s.iterations()))));
        double naive = sampleRate(model, SamplerKind.NAIVE, s);
        r.put("naive_sample_pixels_per_s", round(naive));
        // with an unbounded context the cropped window is the whole image: the same work as naive
        double cropped = spec.contextRows() < h ? sampleRate(model, SamplerKind.CROPPED, s) : naive;
        r.put("cropped_sample_pixels_per_s", round(cropped));
        SamplerKind fast = SamplerKind.fastest(spec);
        double fastRate = fast == SamplerKind.NAIVE ? naive : cropped;
        for (SamplerKind kind : SamplerKind.values()) {
            if (kind != SamplerKind.NAIVE && kind != SamplerKind.CROPPED && kind.supports(spec)) {
                double rate = sampleRate(model, kind, s);
                r.put(kind.id() + "_sample_pixels_per_s", round(rate));
                fastRate = kind == fast ? rate : fastRate;
            }
        }
        r.put("fast_sampler", fast.id());
        r.put("fast_sample_pixels_per_s", round(fastRate));
        r.put("native_library", backend.build());
        r.put("onednn", backend.onednn());
        r.put("threads", backend.threads());
        r.put("omp_wait_policy", OpenMpWait.policy());
        r.put("omp_spincount", OpenMpWait.spinCount());
        r.put("cores", backend.cores());
        r.put("cpu", backend.cpu());
        r.put("rss_mb", ResidentMemory.megabytes());
        return r;
    }

    /**
     * Pixels drawn per second (all images count): the whole-network samplers over
     * {@code sampleRows} rows, the fast ones over the whole image, after a one-row warm-up.
     */
    private static double sampleRate(PixelModel model, SamplerKind kind, Settings s) {
        int h = model.spec().height();
        int w = model.spec().width();
        boolean whole = kind == SamplerKind.NAIVE || kind == SamplerKind.CROPPED;
        int rows = whole ? Math.min(h, s.sampleRows()) : h;
        // the sampler draws rows [0, rows): stop it there by cancelling at that position
        SampleTrace warm = SampleTrace.of(model, s.sampleImages());
        RasterSampler sampler = new RasterSampler(kind);
        sampler.sample(model, SampleRequest.fresh(s.sampleImages(), 1, 1.0), warm, () -> warm.cursor() >= w);
        // later rows cost the cropped sampler most (its window is full from row contextRows on);
        // the others cost the same anywhere, and starting later would time catching up on the kept rows
        int firstRow = kind != SamplerKind.CROPPED
                ? 0
                : Math.max(0, Math.min(h - rows, model.spec().contextRows()));
        float[] prefix = new float[s.sampleImages() * h * w];
        SampleRequest req = new SampleRequest(s.sampleImages(), 2, 1.0, prefix, firstRow);
        SampleTrace trace = SampleTrace.of(model, s.sampleImages());
        int stop = (firstRow + rows) * w;
        long t0 = System.nanoTime();
        sampler.sample(model, req, trace, () -> trace.cursor() >= stop);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return (double) (trace.cursor() - firstRow * w) * s.sampleImages() / seconds;
    }

    private static INDArray binary(SplittableRandom rnd, int n, int h, int w) {
        float[] d = new float[n * h * w];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextInt(2);
        }
        return Nd4j.create(d, new long[] {n, 1, h, w}, 'c');
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
