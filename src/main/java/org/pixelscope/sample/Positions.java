package org.pixelscope.sample;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Checks and copies shared by the samplers that keep their own copy of the images being drawn. Thread: stateless. */
final class Positions {

    private Positions() {}

    /** Rejects a raster position {@code k} or images {@code [N, 1, H, W]} that do not fit a {@code height x width} model. */
    static void check(INDArray images, int k, int height, int width) {
        if (k < 0
                || k >= height * width
                || images.rank() != 4
                || images.size(1) != 1
                || images.size(2) != height
                || images.size(3) != width) {
            throw new IllegalArgumentException("position " + k + " of images " + Arrays.toString(images.shape())
                    + " is outside the model's " + height + "x" + width);
        }
    }

    /** Copies raster positions {@code from .. to - 1} (from 0 at least) of every image into {@code into}, {@code [N][H * W]}. */
    static void copyPixels(INDArray images, float[] into, int from, int to, int height, int width) {
        int n = (int) images.size(0);
        for (int i = 0; i < n; i++) {
            for (int q = Math.max(0, from); q < to; q++) {
                into[i * height * width + q] = images.getFloat(i, 0, q / width, q % width);
            }
        }
    }
}
