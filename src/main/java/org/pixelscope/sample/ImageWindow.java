package org.pixelscope.sample;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.pixelscope.model.ModelSpec;

/**
 * Where a window of an image-shaped array {@code [N, C, rows, cols]} lies in the image: the image
 * coordinates of its top-left cell, possibly outside the image. The local samplers compute each
 * layer on such windows and use this to fill them from the image and to give cells outside the
 * image the network's zero padding.
 */
record ImageWindow(int top, int left) {

    /** Rejects a raster position {@code k} or images {@code x} {@code [N, 1, H, W]} that do not fit {@code spec}. */
    static void checkPosition(ModelSpec spec, INDArray x, int k) {
        int h = spec.height();
        int w = spec.width();
        if (k < 0 || k >= h * w || x.rank() != 4 || x.size(1) != 1 || x.size(2) != h || x.size(3) != w) {
            throw new IllegalArgumentException("position " + k + " of images " + java.util.Arrays.toString(x.shape())
                    + " is outside " + spec.name() + "'s " + h + "x" + w);
        }
    }

    /** Copies the part of {@code x} the window {@code into} covers. */
    void copyFrom(INDArray x, INDArray into, int h, int w) {
        int r0 = Math.max(0, top);
        int r1 = Math.min(h, top + (int) into.size(2));
        int c0 = Math.max(0, left);
        int c1 = Math.min(w, left + (int) into.size(3));
        if (r0 < r1 && c0 < c1) {
            into.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(r0 - top, r1 - top),
                    NDArrayIndex.interval(c0 - left, c1 - left))
                    .assign(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(r0, r1),
                            NDArrayIndex.interval(c0, c1)));
        }
    }

    /**
     * Sets to 0 the cells of {@code a} (a window at this place) that lie above, left or right of
     * the image. Windows end at the row of the pixel being computed, so none reaches below it.
     */
    void zeroOutside(INDArray a, int h, int w) {
        long rows = a.size(2);
        long cols = a.size(3);
        if (top < 0) {
            a.get(all(NDArrayIndex.interval(0, Math.min(rows, -top)), NDArrayIndex.all())).assign(0);
        }
        if (left < 0) {
            a.get(all(NDArrayIndex.all(), NDArrayIndex.interval(0, Math.min(cols, -left)))).assign(0);
        }
        long past = left + cols - w;
        if (past > 0) {
            a.get(all(NDArrayIndex.all(), NDArrayIndex.interval(Math.max(0, cols - past), cols))).assign(0);
        }
    }

    private static INDArrayIndex[] all(INDArrayIndex rows, INDArrayIndex cols) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.all(), rows, cols};
    }
}

