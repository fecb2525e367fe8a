package org.pixelscope.sample;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The raster bookkeeping the cached samplers share: the drawn pixels copied from the caller's
 * batch, the next position every layer must compute, and a fresh start when the batch size changes
 * or the caller goes back further than one pixel. After pixel k is drawn each layer can compute
 * exactly one new position, k + 1 (see {@link CachedPixelCnn}); subclasses compute it. The answer
 * has {@code channels} floats per image: p(x = 1) of a binary model, the K level probabilities of
 * one with K grey levels ({@link Conditionals}).
 *
 * <p>Thread: not thread-safe; owned by one sampler run.
 */
abstract class CachedRaster implements Conditionals {

    protected final int height;
    protected final int width;
    /** Floats per image in an answer: 1 (binary) or K. */
    private final int channels;
    /** The drawn pixels of every image, {@code [N][H][W]}; positions not drawn yet are 0. */
    protected float[] image;

    private int count = -1;
    /** The next position to compute; positions before it are final in the subclass's caches. */
    private int next;

    CachedRaster(int height, int width, int channels) {
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    @Override
    public final float[] next(INDArray images, int k) {
        Positions.check(images, k, height, width);
        int n = (int) images.size(0);
        if (n != count || k < next - 1) {
            count = n;
            image = new float[n * height * width];
            next = 0;
            allocate(n);
        }
        Positions.copyPixels(images, image, next - 1, k, height, width);
        next = Math.min(next, k);
        float[] p = new float[n * channels];
        for (; next <= k; next++) {
            int r = next / width;
            int c = next % width;
            for (int i = 0; i < n; i++) {
                advance(i, r, c, next == k ? p : null, i * channels);
            }
        }
        return p;
    }

    /** Fresh, zeroed caches for {@code n} images. */
    protected abstract void allocate(int n);

    /**
     * Computes every layer at (r, c) of image {@code i}, in raster order of the calls; when
     * {@code out} is not null (the position asked for) writes the pixel's distribution there from
     * {@code offset} ({@link PixelHead}).
     */
    protected abstract void advance(int i, int r, int c, float[] out, int offset);
}
