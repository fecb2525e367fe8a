package org.pixelscope.sample;

import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.pixelscope.model.DiagonalBiLstmStepper;
import org.pixelscope.model.GatedPixelCnnStepper;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.PixelCnnStepper;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.RasterLstmStepper;
import org.pixelscope.model.RowLstmStepper;

/**
 * Draws images pixel by pixel in raster order, the way an autoregressive model defines them:
 * for each position k, run the model on the pixels drawn so far, read p(x_k = 1 | x_&lt;k),
 * apply the temperature, draw, write, move on. All images of a request advance together (one
 * batched forward pass per position).
 *
 * <p>The strategies give the same draws for a seed. {@link Strategy#NAIVE} re-runs the whole
 * network on the whole image for every pixel: the reference. {@link Strategy#CROPPED} runs it
 * only on the rows the pixel's output can see ({@code spec.contextRows()} rows above it, down to
 * its own row); everything outside that window is provably irrelevant to the pixel, so the
 * result is the same up to float rounding in the convolution kernels (the tests compare draws).
 * {@link Strategy#LOCAL} goes further for PixelCNNs: it computes only the activations the pixel's
 * output depends on, a window per layer that shrinks towards the pixel ({@link PixelCnnStepper},
 * {@link GatedPixelCnnStepper}).
 * {@link Strategy#RECURRENT} is for models with a step form: the raster LSTM carries its state
 * from pixel to pixel, so a pixel costs one LSTM step; the Row LSTM keeps the states of the row
 * above, so a pixel costs one row of each layer; the Diagonal BiLSTM keeps every state it has
 * computed, so a pixel costs one LSTM step per layer and direction. None makes a pass over the
 * whole image.
 *
 * <p>Thread: {@link #sample} runs on the caller's thread and owns the model while it runs.
 */
public final class RasterSampler {

    /** How much work each pixel costs. */
    public enum Strategy {
        /** The whole network on the whole image per pixel. */
        NAIVE,
        /** The network on the rows the pixel can see; the same as NAIVE for unbounded contexts. */
        CROPPED,
        /** Only the activations the pixel's output depends on; only for PixelCNNs, gated or not. */
        LOCAL,
        /** One recurrent step per pixel, carrying the state; only for models with a step form. */
        RECURRENT;

        /** The fastest strategy that works for a model. */
        public static Strategy fastest(ModelSpec spec) {
            if (PixelCnnStepper.supports(spec) || GatedPixelCnnStepper.supports(spec)) {
                return LOCAL;
            }
            return hasStepForm(spec) ? RECURRENT : CROPPED;
        }

        /** Whether {@link #RECURRENT} works for a model: the PixelRNNs. */
        public static boolean hasStepForm(ModelSpec spec) {
            return RasterLstmStepper.supports(spec) || RowLstmStepper.supports(spec) || DiagonalBiLstmStepper.supports(spec);
        }
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
        Conditionals conditionals = conditionals(model, startPos);
        for (int k = startPos; k < h * w; k++) {
            if (cancelled.getAsBoolean()) {
                return;
            }
            INDArray p = conditionals.at(x, k);
            for (int i = 0; i < n; i++) {
                double prob = temper(p.getDouble(i), request.temperature());
                int value = rng[i].nextDouble() < prob ? 1 : 0;
                x.putScalar(new long[] {i, 0, k / w, k % w}, value);
                trace.write(i, k, (float) prob, value);
            }
            trace.advance(k);
        }
    }

    /** p(x_k = 1 | x_&lt;k) of every image, {@code [N]}; called for k = start, start + 1, ... in turn. */
    private interface Conditionals {
        INDArray at(INDArray x, int k);
    }

    private Conditionals conditionals(PixelModel model, int startPos) {
        int h = model.spec().height();
        int w = model.spec().width();
        int context = model.spec().contextRows();
        return switch (strategy) {
            case NAIVE -> (x, k) -> pixel(model.probabilities(x), k / w, k % w);
            case CROPPED -> (x, k) -> {
                int row = k / w;
                if (context >= h) {
                    return pixel(model.probabilities(x), row, k % w);
                }
                int top = Math.max(0, row - context);
                INDArray window = x.get(NDArrayIndex.all(), NDArrayIndex.all(),
                        NDArrayIndex.interval(top, row + 1), NDArrayIndex.all()).dup();
                return pixel(model.croppedProbabilities(window), row - top, k % w);
            };
            case LOCAL -> GatedPixelCnnStepper.supports(model.spec())
                    ? new GatedPixelCnnStepper(model)::probability
                    : new PixelCnnStepper(model)::probability;
            case RECURRENT -> {
                if (!Strategy.hasStepForm(model.spec())) {
                    throw new IllegalArgumentException(model.spec().name() + " has no step form: only the PixelRNNs (raster"
                            + " LSTM, Row LSTM, Diagonal BiLSTM) carry a state from pixel to pixel");
                }
                if (RowLstmStepper.supports(model.spec())) {
                    RowLstmStepper rows = new RowLstmStepper(model);
                    yield (x, k) -> rows.rowProbabilities(x, k / w).getColumn(k % w);
                }
                if (DiagonalBiLstmStepper.supports(model.spec())) {
                    DiagonalBiLstmStepper pixels = new DiagonalBiLstmStepper(model);
                    yield pixels::probability;
                }
                RasterLstmStepper stepper = new RasterLstmStepper(model);
                yield (x, k) -> {
                    INDArray flat = x.reshape(x.size(0), (long) h * w);
                    return k == startPos
                            ? stepper.begin(flat.get(NDArrayIndex.all(), NDArrayIndex.interval(0, k)).dup())
                            : stepper.next(flat.getColumn(k - 1).dup());
                };
            }
        };
    }

    private static INDArray pixel(INDArray p, int row, int col) {
        return p.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.point(row), NDArrayIndex.point(col));
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
