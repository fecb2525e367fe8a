package org.pixelscope.sample;

import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.pixelscope.model.PixelModel;

/**
 * Draws images pixel by pixel in raster order, the way an autoregressive model defines them:
 * for each position k, run the model on the pixels drawn so far, read p(x_k = 1 | x_&lt;k),
 * apply the temperature, draw, write, move on. All images of a request advance together (one
 * batched forward pass per position).
 *
 * <p>Two strategies give the same draws for a seed. {@link Strategy#NAIVE} re-runs the whole
 * network on the whole image for every pixel: the reference. {@link Strategy#CROPPED} runs it
 * only on the rows the pixel's output can see ({@code spec.contextRows()} rows above it, down to
 * its own row); everything outside that window is provably irrelevant to the pixel, so the
 * result is the same up to float rounding in the convolution kernels (the tests compare draws).
 *
 * <p>Thread: {@link #sample} runs on the caller's thread and owns the model while it runs.
 */
public final class RasterSampler {

    /** How much of the image each forward pass sees. */
    public enum Strategy {
        NAIVE,
        CROPPED
    }

    private final Strategy strategy;

    public RasterSampler(Strategy strategy) {
        this.strategy = strategy;
    }

    /** Fills {@code trace}; returns early (trace incomplete) when {@code cancelled} turns true. */
    public void sample(PixelModel model, SampleRequest request, SampleTrace trace, BooleanSupplier cancelled) {
        int h = model.spec().height();
        int w = model.spec().width();
        int n = request.count();
        if (trace.count() != n || trace.height() != h || trace.width() != w) {
            throw new IllegalArgumentException("trace does not match the request and model");
        }
        int startPos = Math.min(h, request.prefixRows()) * w;
        if (request.prefix() != null) {
            if (request.prefix().length != n * h * w) {
                throw new IllegalArgumentException("prefix needs " + n * h * w + " pixels, got " + request.prefix().length);
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
                x.putScalar(new long[] {i, 0, k / w, k % w}, trace.value(i, k));
            }
        }
        int context = model.spec().contextRows();
        for (int k = startPos; k < h * w; k++) {
            if (cancelled.getAsBoolean()) {
                return;
            }
            int row = k / w;
            int col = k % w;
            INDArray p;
            int outRow;
            if (strategy == Strategy.CROPPED && context < h) {
                int top = Math.max(0, row - context);
                INDArray window = x.get(NDArrayIndex.all(), NDArrayIndex.all(),
                        NDArrayIndex.interval(top, row + 1), NDArrayIndex.all()).dup();
                p = model.croppedProbabilities(window);
                outRow = row - top;
            } else {
                p = model.probabilities(x);
                outRow = row;
            }
            for (int i = 0; i < n; i++) {
                double prob = temper(p.getDouble(i, 0, outRow, col), request.temperature());
                int value = rng[i].nextDouble() < prob ? 1 : 0;
                x.putScalar(new long[] {i, 0, row, col}, value);
                trace.write(i, k, (float) prob, value);
            }
            trace.advance(k);
        }
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
