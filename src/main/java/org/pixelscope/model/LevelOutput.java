package org.pixelscope.model;

import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.pixelscope.data.GreyLevels;

/**
 * The per-pixel output of a model with K grey levels ({@link ModelSpec#levels()}), in one place:
 * the last layer, the loss, the training targets and the log-likelihood of observed pixels.
 *
 * <pre>
 *   K = 2:  1x1 conv -> 1 channel -> sigmoid    p(x = 1)         binary cross-entropy   output [N, 1, H, W]
 *   K > 2:  1x1 conv -> K channels -> softmax   p(x = v), v < K  categorical cross-ent. output [N, K, H, W]
 * </pre>
 *
 * The input stays one channel (level l fed as {@code l / (K - 1)}, {@link GreyLevels}), so the
 * masks are those of the binary model: the 1x1 output layer is unmasked (a 1x1 mask B keeps every
 * tap), and its K output channels all belong to the pixel being predicted. Pixel k's logits
 * therefore read exactly what its p(x = 1) read: causality is unchanged. Both losses sum over the
 * pixels and average over the batch, so the training loss is an NLL in nats per image for any K.
 *
 * <p>Thread: stateless.
 */
public final class LevelOutput {

    /** Probabilities are floored at EPS (and binary ones capped at 1 - EPS) so a saturated output costs a finite loss. */
    public static final double EPS = 1e-6;

    private LevelOutput() {}

    /** Output channels per pixel: 1 (p(x = 1)) for K = 2, K otherwise. */
    public static int channels(int levels) {
        return levels == GreyLevels.MIN ? 1 : levels;
    }

    /** The grey levels an output {@code [N, C, H, W]} describes: C = 1 is binary. */
    public static int levelsOf(INDArray output) {
        int c = (int) output.size(1);
        return c == 1 ? GreyLevels.MIN : c;
    }

    /** The spec's levels, 0 (absent from an older spec.json) read as 2; outside 2..256 an IllegalArgumentException. */
    static int checkLevels(int levels) {
        return levels == 0 ? GreyLevels.MIN : new GreyLevels(levels).levels();
    }

    /** The family's last layer: a 1x1 convolution from {@code nIn} maps to the output channels, sigmoid for K = 2. */
    static MaskedConv2D layer(long nIn, int levels) {
        return levels == GreyLevels.MIN
                ? new MaskedConv2D(nIn, 1, 1, 1, null, Activation.SIGMOID)
                : new MaskedConv2D(nIn, levels, 1, 1, null, Activation.IDENTITY);
    }

    /** The loss layer after it: binary cross-entropy on the sigmoid, or a softmax over each pixel's K channels with cross-entropy. */
    static CnnLossLayer loss(int levels) {
        return levels == GreyLevels.MIN
                ? new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT)
                        .activation(Activation.IDENTITY)
                        .build()
                : new CnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX)
                        .build();
    }

    /**
     * The loss layer's targets for inputs {@code [N, 1, H, W]}: the inputs themselves for K = 2, the
     * one-hot levels {@code [N, K, H, W]} otherwise.
     */
    public static INDArray targets(INDArray inputs, int levels) {
        if (levels == GreyLevels.MIN) {
            return inputs;
        }
        GreyLevels grey = new GreyLevels(levels);
        int n = (int) inputs.size(0);
        int pixels = (int) (inputs.length() / n);
        float[] x = inputs.dup('c').reshape(inputs.length()).toFloatVector();
        float[] oneHot = new float[n * levels * pixels];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < pixels; k++) {
                oneHot[(i * levels + grey.levelOf(x[i * pixels + k])) * pixels + k] = 1;
            }
        }
        return Nd4j.create(oneHot, new long[] {n, levels, inputs.size(2), inputs.size(3)}, 'c')
                .castTo(inputs.dataType());
    }

    /**
     * log p(x_k | x_&lt;k) of every pixel, image-major ({@code [i * H * W + k]}): {@code output} is a
     * model's {@code [N, C, H, W]}, {@code inputs} the images it read {@code [N, 1, H, W]}.
     */
    public static double[] logLikelihoods(INDArray output, INDArray inputs) {
        int levels = levelsOf(output);
        int n = (int) inputs.size(0);
        int pixels = (int) (inputs.length() / n);
        float[] x = inputs.dup('c').reshape(inputs.length()).toFloatVector();
        float[] p = output.dup('c').reshape(output.length()).toFloatVector();
        double[] out = new double[n * pixels];
        if (levels == GreyLevels.MIN) {
            for (int j = 0; j < out.length; j++) {
                double q = Math.min(Math.max(p[j], EPS), 1 - EPS);
                out[j] = Math.log(x[j] > 0.5f ? q : 1 - q);
            }
            return out;
        }
        GreyLevels grey = new GreyLevels(levels);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < pixels; k++) {
                int v = grey.levelOf(x[i * pixels + k]);
                out[i * pixels + k] = Math.log(Math.max(p[(i * levels + v) * pixels + k], EPS));
            }
        }
        return out;
    }

    /** The distribution p(x = v), v = 0..K-1, of one pixel of an output {@code [N, C, H, W]}. */
    public static double[] distribution(INDArray output, int image, int row, int col) {
        int levels = levelsOf(output);
        if (levels == GreyLevels.MIN) {
            double p1 = output.getDouble(image, 0, row, col);
            return new double[] {1 - p1, p1};
        }
        double[] d = new double[levels];
        for (int v = 0; v < levels; v++) {
            d[v] = output.getDouble(image, v, row, col);
        }
        return d;
    }

    /** Keeps 2 out of a spec's JSON: {@code equals(2)} tells Jackson to leave the field out, as binary specs always were. */
    public static final class Binary {
        @Override
        public boolean equals(Object value) {
            return value instanceof Integer levels && levels == GreyLevels.MIN;
        }

        @Override
        public int hashCode() {
            return GreyLevels.MIN;
        }
    }
}
