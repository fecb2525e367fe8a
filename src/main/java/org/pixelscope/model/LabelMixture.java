package org.pixelscope.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pixelscope.data.GreyLevels;

/**
 * What a class-conditional model says about an image when no label is given: the mixture
 * p(x) = sum_y p(y) p(x | y) over its classes with a uniform prior p(y) = 1/C, written as
 * conditionals in raster order, which is what every read-out of p(x) expects:
 *
 * <pre>
 *   p(x_k | x_&lt;k) = sum_y p(y | x_&lt;k) p(x_k | x_&lt;k, y),   p(y | x_&lt;k) ∝ p(y) prod_{j&lt;k} p(x_j | x_&lt;j, y)
 * </pre>
 *
 * The product of these over k telescopes to the mixture exactly, so the NLL of the marginal is
 * -log sum_y p(y) p(x | y). The weights read only pixels before k, so the mixture is autoregressive
 * whenever each p(x | y) is; but its context is unbounded (any earlier pixel moves the weights).
 * Cost: one pass of the network per class. The prior is uniform because MNIST's training labels
 * nearly are (each digit is 9.0% to 11.2% of them).
 *
 * <p>Thread: runs the model on the caller's thread.
 */
final class LabelMixture {

    /** Each p(x=1 | y) is kept inside [EPS, 1-EPS], as the NLL read-outs clamp it: no class's weight collapses to 0 from one pixel. */
    static final double EPS = 1e-6;

    private LabelMixture() {}

    /**
     * The mixture's conditionals for every pixel of {@code images} {@code [N, 1, H, W]}: p(x_k = 1 | x_&lt;k),
     * {@code [N, 1, H, W]}, or for K grey levels p(x_k = v | x_&lt;k), {@code [N, K, H, W]}.
     */
    static INDArray marginal(PixelModel model, INDArray images) {
        int classes = model.spec().classes();
        int levels = model.levels();
        int channels = LevelOutput.channels(levels);
        GreyLevels grey = new GreyLevels(levels);
        int n = (int) images.size(0);
        int h = (int) images.size(2);
        int w = (int) images.size(3);
        int pixels = h * w;
        float[][] p = new float[classes][];
        for (int y = 0; y < classes; y++) {
            p[y] = model.given(y)
                    .probabilities(images)
                    .dup('c')
                    .reshape((long) n * channels * pixels)
                    .toFloatVector();
        }
        float[] x = images.dup('c').reshape((long) n * pixels).toFloatVector();
        float[] out = new float[n * channels * pixels];
        double[] logJoint = new double[classes];
        double[] weight = new double[classes];
        for (int i = 0; i < n; i++) {
            // log p(y) + log p(x_<k | y); the uniform prior's log(1/C) cancels in the weights
            java.util.Arrays.fill(logJoint, 0);
            for (int k = 0; k < pixels; k++) {
                double max = Double.NEGATIVE_INFINITY;
                for (double l : logJoint) {
                    max = Math.max(max, l);
                }
                double norm = 0;
                for (int y = 0; y < classes; y++) {
                    weight[y] = Math.exp(logJoint[y] - max);
                    norm += weight[y];
                }
                if (channels == 1) {
                    int at = i * pixels + k;
                    double mix = 0;
                    for (int y = 0; y < classes; y++) {
                        mix += weight[y] * clamp(p[y][at]);
                    }
                    out[at] = (float) (mix / norm);
                    for (int y = 0; y < classes; y++) {
                        double q = clamp(p[y][at]);
                        logJoint[y] += Math.log(x[at] > 0.5f ? q : 1 - q);
                    }
                    continue;
                }
                for (int v = 0; v < channels; v++) {
                    int at = (i * channels + v) * pixels + k;
                    double mix = 0;
                    for (int y = 0; y < classes; y++) {
                        mix += weight[y] * p[y][at];
                    }
                    out[at] = (float) (mix / norm);
                }
                int seen = (i * channels + grey.levelOf(x[i * pixels + k])) * pixels + k;
                for (int y = 0; y < classes; y++) {
                    logJoint[y] += Math.log(Math.max(p[y][seen], EPS));
                }
            }
        }
        return Nd4j.create(out, new long[] {n, channels, h, w}, 'c');
    }

    private static double clamp(float p) {
        return Math.min(Math.max(p, EPS), 1 - EPS);
    }
}
