package org.pixelscope.model;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded random binary images for tests. */
public final class TestImages {

    private TestImages() {}

    /** {@code count} pixels, each 0 or 1. */
    public static float[] pixels(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] d = new float[count];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextInt(2);
        }
        return d;
    }

    /** {@code [n, 1, h, w]} of 0s and 1s. */
    public static INDArray binary(int n, int h, int w, long seed) {
        return Nd4j.create(pixels(n * h * w, seed), new long[] {n, 1, h, w}, 'c');
    }
}
