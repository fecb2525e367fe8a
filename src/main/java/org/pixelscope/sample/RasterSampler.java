package org.pixelscope.sample;

import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pixelscope.model.PixelModel;

/**
 * Draws images pixel by pixel in raster order, the way an autoregressive model defines them:
 * for each position k, ask the {@link Conditionals} for p(x_k = 1 | x_&lt;k) of every image given
 * the pixels drawn so far, apply the temperature, draw, write, move on. A model with K grey levels
 * gives a categorical p(x_k = v | x_&lt;k) instead: one uniform number per pixel picks the level by
 * the inverse of its cumulative distribution, and the network reads the level as {@code l / (K - 1)}. All images of a request
 * advance together. How the conditionals are computed is the factory's business
 * ({@link SamplerKind}: the whole network per pixel, cached activations, recurrent steps); every
 * exact sampler gives the same draws for a seed. A request's labels bind a class-conditional model
 * ({@link PixelModel#given}) before the conditionals are made, so no sampler handles them apart.
 *
 * <p>Thread: {@link #sample} runs on the caller's thread and owns the model while it runs.
 */
public final class RasterSampler {

    private final Conditionals.Factory conditionals;

    /** {@code conditionals}: usually {@link SamplerKind#fastest}, or {@link SamplerKind#NAIVE} for the reference. */
    public RasterSampler(Conditionals.Factory conditionals) {
        this.conditionals = conditionals;
    }

    /** Fills {@code trace}; returns early (trace incomplete) when {@code cancelled} turns true. */
    public void sample(PixelModel model, SampleRequest request, SampleTrace trace, BooleanSupplier cancelled) {
        int h = model.spec().height();
        int w = model.spec().width();
        int n = request.count();
        int levels = model.levels();
        if (trace.count() != n || trace.height() != h || trace.width() != w || trace.levels() != levels) {
            throw new IllegalArgumentException("trace does not match the request and model");
        }
        int startPos = Math.min(h, request.prefixRows()) * w;
        if (request.prefix() != null) {
            if (request.prefix().length != n * h * w) {
                throw new IllegalArgumentException(
                        "prefix needs " + n * h * w + " pixels, got " + request.prefix().length);
            }
            trace.given(request.prefix(), startPos);
        }
        SplittableRandom[] rng = new SplittableRandom[n];
        for (int i = 0; i < n; i++) {
            rng[i] = new SplittableRandom(request.seed() * 0x9E3779B97F4A7C15L + i);
        }
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, 1, h, w);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < startPos; k++) {
                x.putScalar(new long[] {i, 0, k / w, k % w}, trace.value(i, k) / (float) (levels - 1));
            }
        }
        // a conditional model draws each image's class: the label enters through the model alone
        Conditionals next = conditionals.create(request.labels() == null ? model : model.given(request.labels()));
        for (int k = startPos; k < h * w; k++) {
            if (cancelled.getAsBoolean()) {
                return;
            }
            float[] p = next.next(x, k);
            if (levels > 2) {
                drawLevels(p, levels, request.temperature(), rng, x, trace, k, w);
                trace.advance(k);
                continue;
            }
            for (int i = 0; i < n; i++) {
                double prob = temper(p[i], request.temperature());
                int value = rng[i].nextDouble() < prob ? 1 : 0;
                x.putScalar(new long[] {i, 0, k / w, k % w}, value);
                trace.write(i, k, (float) prob, value);
            }
            trace.advance(k);
        }
    }

    /** Position k of every image of a K-level model: temper each categorical, draw a level, write it. */
    private static void drawLevels(
            float[] p,
            int levels,
            double temperature,
            SplittableRandom[] rng,
            INDArray x,
            SampleTrace trace,
            int k,
            int w) {
        double[] q = new double[levels];
        for (int i = 0; i < rng.length; i++) {
            temper(p, i * levels, levels, temperature, q);
            int value = draw(q, rng[i].nextDouble());
            x.putScalar(new long[] {i, 0, k / w, k % w}, value / (float) (levels - 1));
            trace.write(i, k, q, value);
        }
    }

    /**
     * The categorical {@code p[from .. from + K)} at temperature t, into {@code q}: p_v^(1/t),
     * normalised (the softmax of the logits divided by t, as the binary case divides its logit).
     */
    static void temper(float[] p, int from, int levels, double temperature, double[] q) {
        double sum = 0;
        if (temperature == 1.0) {
            for (int v = 0; v < levels; v++) {
                q[v] = p[from + v];
                sum += q[v];
            }
        } else {
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < levels; v++) {
                q[v] = Math.log(Math.max(p[from + v], 1e-30)) / temperature;
                max = Math.max(max, q[v]);
            }
            for (int v = 0; v < levels; v++) {
                q[v] = Math.exp(q[v] - max);
                sum += q[v];
            }
        }
        for (int v = 0; v < levels; v++) {
            q[v] /= sum;
        }
    }

    /** The level whose cumulative probability first exceeds {@code u} in [0, 1); the last level when rounding leaves u above the total. */
    static int draw(double[] q, double u) {
        double cumulative = 0;
        for (int v = 0; v < q.length - 1; v++) {
            cumulative += q[v];
            if (u < cumulative) {
                return v;
            }
        }
        return q.length - 1;
    }

    /** p(x=1) at temperature t: sigmoid(logit(p) / t). */
    static double temper(double p, double temperature) {
        if (temperature == 1.0) {
            return p;
        }
        double q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
        double logit = Math.log(q / (1 - q)) / temperature;
        return 1 / (1 + Math.exp(-logit));
    }
}
