package org.pixelscope.sample;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pixelscope.model.PixelModel;

/**
 * The one thing every sampler computes: the distribution of the next pixel of a batch of partly
 * drawn images, p(x_k | x_0 .. x_{k-1}) for each image. {@link RasterSampler} draws from it and
 * knows nothing else about how it is computed; {@link SamplerKind} makes the implementations.
 *
 * <p>Shape of the answer. For a binary model {@link #next} returns p(x_k = 1) of each image, one
 * float per image, {@code [N]}. For a model with K grey levels ({@link PixelModel#levels()}, a
 * softmax per pixel) it returns {@code N * K} floats, image-major: p(x_k = v) of image i at
 * {@code [i * K + v]}. The binary case is the K = 2 layout with only the p(x = 1) column kept, so
 * the sampler's draw {@code u < p} stays as it is.
 *
 * <p>Thread: an instance serves one run of one sampler and may keep state between calls
 * (activations, recurrent states); not thread-safe.
 */
public interface Conditionals {

    /**
     * p(x_k = 1 | pixels before k) of every image, {@code [N]}; for K grey levels p(x_k = v | pixels
     * before k), {@code [N * K]}.
     *
     * @param images {@code [N, 1, H, W]} network inputs (level l as {@code l / (K - 1)}); the raster
     *               positions before {@code k} are drawn, later ones are ignored
     * @param k      raster position, {@code row * W + col}. Positions come in order, {@code k = start,
     *               start + 1, ...}; an implementation that keeps state catches up from {@code images}
     *               when {@code k} jumps ahead and starts over when it goes back. The kept state
     *               belongs to the images of the calls so far: for other images, make a new instance.
     */
    float[] next(INDArray images, int k);

    /** Makes the conditionals of one run for a model: one instance per run, since they keep state. */
    @FunctionalInterface
    interface Factory {
        Conditionals create(PixelModel model);
    }
}
