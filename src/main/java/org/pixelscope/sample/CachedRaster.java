package org.pixelscope.sample;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The raster bookkeeping the cached samplers share: the drawn pixels copied from the caller's
 * batch, the next position every layer must compute, and a fresh start when the batch size changes
 * or the caller goes back further than one pixel. After pixel k is drawn each layer can compute
 * exactly one new position, k + 1 (see {@link CachedPixelCnn}); subclasses compute it.
 *
 * <p>Thread: not thread-safe; owned by one sampler run.
 */
abstract class CachedRaster implements Conditionals {

    protected final int height;
    protected final int width;
    /** The drawn pixels of every image, {@code [N][H][W]}; positions not drawn yet are 0. */
    protected float[] image;

    private int count = -1;
    /** The next position to compute; positions before it are final in the subclass's caches. */
    private int next;

    CachedRaster(int height, int width) {
        this.height = height;
        this.width = width;
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
        float[] p = new float[n];
        for (; next <= k; next++) {
            int r = next / width;
            int c = next % width;
            for (int i = 0; i < n; i++) {
                float q = advance(i, r, c, next == k);
                if (next == k) {
                    p[i] = q;
                }
            }
        }
        return p;
    }

    /** Fresh, zeroed caches for {@code n} images. */
    protected abstract void allocate(int n);

    /**
     * Computes every layer at (r, c) of image {@code i}, in raster order of the calls; returns
     * p(x = 1) there when {@code wanted} (the position asked for), else any value.
     */
    protected abstract float advance(int i, int r, int c, boolean wanted);
}
