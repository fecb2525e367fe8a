package org.pixelscope.sample;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The last 1x1 layer of a cached PixelCNN at one position, with its activation: from the final
 * features to the pixel's distribution. Binary (one output channel): {@code sigmoid(b + w . h)},
 * p(x = 1). K grey levels (K channels): the K logits {@code b_v + w_v . h} and their softmax, p(x = v).
 * The network applies the softmax in its loss layer over the same K channels
 * ({@link org.pixelscope.model.LevelOutput}); here it is computed in doubles after subtracting the
 * largest logit, so it agrees with the network to float rounding.
 *
 * <p>Thread: not thread-safe (a scratch array); owned by one sampler.
 */
final class PixelHead {

    private final int features;
    private final int channels;
    /** {@code [features][channels]}, as the 1x1 kernel {@code [1, 1, features, channels]} is stored. */
    private final float[] weights;

    private final float[] bias;
    private final double[] logits;

    /** From a 1x1 kernel {@code [1, 1, features, channels]} and its bias {@code [channels]}. */
    PixelHead(INDArray kernel, INDArray bias) {
        features = (int) kernel.size(2);
        channels = (int) kernel.size(3);
        weights = TrainedWeights.floats(kernel);
        this.bias = TrainedWeights.floats(bias);
        logits = new double[channels];
    }

    /** Floats one position's distribution takes: 1 for binary, K otherwise. */
    int channels() {
        return channels;
    }

    /** The distribution at a position whose features are {@code h[at .. at + features)}, into {@code out[offset ..]}. */
    void apply(float[] h, int at, float[] out, int offset) {
        if (channels == 1) {
            float z = bias[0];
            for (int j = 0; j < features; j++) {
                z += h[at + j] * weights[j];
            }
            out[offset] = Dense.sigmoid(z);
            return;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < channels; v++) {
            float z = bias[v];
            for (int j = 0; j < features; j++) {
                z += h[at + j] * weights[j * channels + v];
            }
            logits[v] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int v = 0; v < channels; v++) {
            logits[v] = Math.exp(logits[v] - max);
            sum += logits[v];
        }
        for (int v = 0; v < channels; v++) {
            out[offset + v] = (float) (logits[v] / sum);
        }
    }
}
