package org.pixelscope.model;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded random binary (or K-level) images for tests. */
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

    /** {@code [n, 1, h, w]} of random levels 0..K-1 as network inputs {@code l / (K - 1)}. */
    public static INDArray levels(int n, int h, int w, int levels, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] d = new float[n * h * w];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextInt(levels) / (float) (levels - 1);
        }
        return Nd4j.create(d, new long[] {n, 1, h, w}, 'c');
    }
}
