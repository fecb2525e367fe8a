package org.pixelscope.sample;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained convolution kernel {@code [kH, kW, in, out]} as the cached samplers apply it at one
 * output position: the taps that hold a non-zero weight after masking, each with its offset
 * {@code (dy, dx)} from the output position and its {@code [in][out]} matrix. Taps whose weights are
 * all zero (a mask's blocked taps) add nothing and are dropped, which is exact.
 *
 * <p>The causality check: a cached sampler computes each layer only where its inputs are final, so
 * a kept tap may only read where the sampler's order ({@link Reach}) says the input is already
 * computed. A kernel that would read further is refused when the sampler is made, rather than
 * silently reading a position that is not computed yet.
 *
 * <p>Thread: immutable after construction.
 */
final class KernelTaps {

    /** Where, relative to the output position (r, c), a layer's input is already computed when the output is. */
    enum Reach {
        /** Raster positions strictly before (r, c): a layer computed pixel by pixel that reads the image. */
        BEFORE,
        /** Raster positions up to (r, c): a layer computed pixel by pixel that reads the layer below at the same position. */
        UP_TO,
        /** Rows above r: a layer computed row by row that reads the image. */
        ROWS_ABOVE,
        /** Rows up to r, any column: a layer computed row by row that reads the layer below's same row. */
        ROWS_UP_TO;

        boolean allows(int dy, int dx) {
            return switch (this) {
                case BEFORE -> dy < 0 || dy == 0 && dx < 0;
                case UP_TO -> dy < 0 || dy == 0 && dx <= 0;
                case ROWS_ABOVE -> dy < 0;
                case ROWS_UP_TO -> dy <= 0;
            };
        }
    }

    private final int[] dy;
    private final int[] dx;
    private final float[] weights;
    private final int in;
    private final int out;

    /**
     * @param up     rows the kernel reaches above the output: tap row {@code ky} reads row {@code r - up + ky}
     * @param left   columns it reaches to the left: tap column {@code kx} reads column {@code c - left + kx}
     * @param reach  where the input is already computed when the output is
     */
    KernelTaps(INDArray kernel, int up, int left, Reach reach, String layer) {
        long[] s = kernel.shape();
        int kH = (int) s[0];
        int kW = (int) s[1];
        in = (int) s[2];
        out = (int) s[3];
        float[] all = TrainedWeights.floats(kernel);
        int block = in * out;
        List<int[]> kept = new ArrayList<>();
        for (int ky = 0; ky < kH; ky++) {
            for (int kx = 0; kx < kW; kx++) {
                int from = (ky * kW + kx) * block;
                boolean used = false;
                for (int j = from; j < from + block && !used; j++) {
                    used = all[j] != 0;
                }
                if (!used) {
                    continue;
                }
                int rowOffset = ky - up;
                int colOffset = kx - left;
                if (!reach.allows(rowOffset, colOffset)) {
                    throw new IllegalStateException(
                            "layer " + layer + " has weights at offset (" + rowOffset + ", " + colOffset
                                    + ") from its output, where its input is not computed yet: it cannot be cached");
                }
                kept.add(new int[] {rowOffset, colOffset, from});
            }
        }
        dy = new int[kept.size()];
        dx = new int[kept.size()];
        weights = new float[kept.size() * block];
        for (int t = 0; t < kept.size(); t++) {
            dy[t] = kept.get(t)[0];
            dx[t] = kept.get(t)[1];
            System.arraycopy(all, kept.get(t)[2], weights, t * block, block);
        }
    }

    int taps() {
        return dy.length;
    }

    int dy(int tap) {
        return dy[tap];
    }

    int dx(int tap) {
        return dx[tap];
    }

    int in() {
        return in;
    }

    int out() {
        return out;
    }

    /** {@code acc[accOff .. + out) += src[srcOff .. + in) x W[tap]}; inputs that are 0 (ReLU outputs, blank pixels) are skipped. */
    void accumulate(float[] acc, int accOff, int tap, float[] src, int srcOff) {
        int w = tap * in * out;
        for (int ci = 0; ci < in; ci++, w += out) {
            float a = src[srcOff + ci];
            if (a != 0) {
                Dense.axpy(acc, accOff, a, weights, w, out);
            }
        }
    }
}
