package org.pixelscope.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one place that decides which kernel taps a masked convolution may use. Everything that
 * draws, counts or applies a mask (layers, summary, masks view, tests) asks here.
 *
 * <p>Raster order: a tap at (row, col) of a kH x kW kernel is "before" the centre (kH/2, kW/2) if
 * its row is above the centre row, or it is in the centre row and left of the centre column.
 *
 * <p>Colour groups (the RGB rule of the paper, sec. 3.4): input and output channels are split
 * into {@code groups} equal contiguous groups (R, G, B for 3). Taps before the centre connect all
 * channels. At the centre, output group g may read input group h if h &lt; g (mask A) or
 * h &lt;= g (mask B): with mask A, G sees R and B sees R and G; mask B also lets each group see
 * itself. With one group this reduces to the single-channel masks drawn in {@link MaskType}.
 * What it does not do: it never blocks taps above the centre, so stacking these masks leaves
 * the blind spot to the upper right that gated PixelCNNs remove with two stacks.
 */
public final class Masks {

    private Masks() {}

    /** Spatial part only: {@code allowed[row][col]} for one group reading itself (or 1 group). */
    public static boolean[][] spatial(int kernelH, int kernelW, MaskType type) {
        checkOdd(kernelH, kernelW);
        boolean[][] allowed = new boolean[kernelH][kernelW];
        int cr = kernelH / 2;
        int cc = kernelW / 2;
        for (int r = 0; r < kernelH; r++) {
            for (int c = 0; c < kernelW; c++) {
                allowed[r][c] = r < cr || (r == cr && (c < cc || (c == cc && type.includesCentre())));
            }
        }
        return allowed;
    }

    /** Whether output channel {@code out} may read input channel {@code in} through tap (r, c). */
    public static boolean allows(
            int kernelH, int kernelW, MaskType type, int in, int nIn, int out, int nOut, int groups, int r, int c) {
        int cr = kernelH / 2;
        int cc = kernelW / 2;
        if (r < cr || (r == cr && c < cc)) {
            return true;
        }
        if (r != cr || c != cc) {
            return false;
        }
        int gIn = in * groups / nIn;
        int gOut = out * groups / nOut;
        return gIn < gOut || (gIn == gOut && type.includesCentre());
    }

    /**
     * The 0/1 kernel mask, shape {@code [kernelH, kernelW, nIn, nOut]} (the YXIO weight layout of
     * libnd4j's conv2d), float32.
     */
    public static INDArray kernel(int kernelH, int kernelW, MaskType type, int nIn, int nOut, int groups) {
        check(kernelH, kernelW, nIn, nOut, groups);
        float[] data = new float[kernelH * kernelW * nIn * nOut];
        int i = 0;
        for (int r = 0; r < kernelH; r++) {
            for (int c = 0; c < kernelW; c++) {
                for (int in = 0; in < nIn; in++) {
                    for (int out = 0; out < nOut; out++) {
                        data[i++] = allows(kernelH, kernelW, type, in, nIn, out, nOut, groups, r, c) ? 1f : 0f;
                    }
                }
            }
        }
        return Nd4j.create(data, new long[] {kernelH, kernelW, nIn, nOut}, 'c');
    }

    /** Number of weights the mask forces to zero in a {@code [kH, kW, nIn, nOut]} kernel. */
    public static long blockedWeights(int kernelH, int kernelW, MaskType type, int nIn, int nOut, int groups) {
        check(kernelH, kernelW, nIn, nOut, groups);
        long blocked = 0;
        for (int r = 0; r < kernelH; r++) {
            for (int c = 0; c < kernelW; c++) {
                for (int in = 0; in < nIn; in++) {
                    for (int out = 0; out < nOut; out++) {
                        if (!allows(kernelH, kernelW, type, in, nIn, out, nOut, groups, r, c)) {
                            blocked++;
                        }
                    }
                }
            }
        }
        return blocked;
    }

    private static void check(int kernelH, int kernelW, int nIn, int nOut, int groups) {
        checkOdd(kernelH, kernelW);
        if (nIn < 1 || nOut < 1 || groups < 1 || nIn % groups != 0 || nOut % groups != 0) {
            throw new IllegalArgumentException(
                    "channels (" + nIn + " in, " + nOut + " out) must split into " + groups + " equal colour groups");
        }
    }

    private static void checkOdd(int kernelH, int kernelW) {
        if (kernelH < 1 || kernelW < 1 || kernelH % 2 == 0 || kernelW % 2 == 0) {
            throw new IllegalArgumentException("masked kernels need odd sizes, got " + kernelH + "x" + kernelW);
        }
    }
}
