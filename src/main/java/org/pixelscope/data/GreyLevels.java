package org.pixelscope.data;

import java.util.Objects;

/**
 * How many values a model's pixel takes, and how MNIST's grey values 0..255 become them. K = 2 is
 * the binary model PixelScope started with: pixels are binarised stochastically
 * ({@link Binarization#STOCHASTIC}, a fresh draw per training epoch, the fixed seed for evaluation).
 * K &gt; 2 quantises deterministically into K equal bins of the grey range,
 * {@code level = floor(v * K / 256)}, the same for training, validation and test (so K = 256 is
 * MNIST's own grey values).
 *
 * <p>Two forms of a pixel: its level {@code l} in 0..K-1 (what a sample or a completion's kept rows
 * hold) and the network's input {@code l / (K - 1)} in [0, 1] (so K = 2 feeds 0/1 as before, and
 * every K feeds one channel on the same scale). For K = 2 both forms are the same numbers.
 *
 * <p>Thread: any; immutable.
 *
 * @param levels K, from {@link #MIN} to {@link #MAX}
 */
public record GreyLevels(int levels) {

    /** 2: one bit per pixel, the binary model. */
    public static final int MIN = 2;
    /** 256: MNIST's grey values themselves; finer bins would only repeat levels. */
    public static final int MAX = 256;
    /** The binary model's two levels. */
    public static final GreyLevels BINARY = new GreyLevels(MIN);

    public GreyLevels {
        if (levels < MIN || levels > MAX) {
            throw new IllegalArgumentException("grey levels must be " + MIN + " to " + MAX + ", got " + levels);
        }
    }

    /** Whether pixels are binary (K = 2), binarised stochastically rather than quantised. */
    public boolean binary() {
        return levels == MIN;
    }

    /** The level of a grey value 0..255 for K &gt; 2: {@code floor(v * K / 256)}. */
    public int level(int grey) {
        return grey * levels / 256;
    }

    /** The network input of a level, {@code l / (K - 1)}. */
    public float input(int level) {
        return level / (float) (levels - 1);
    }

    /** The level an input value stands for: the nearest, {@code round(x * (K - 1))}, clamped to 0..K-1. */
    public int levelOf(float input) {
        return Math.max(0, Math.min(levels - 1, Math.round(input * (levels - 1))));
    }

    /**
     * How the data a model of these levels reads is made from MNIST's grey values, for the app's
     * data line: binarised afresh each training epoch and once for testing, or quantised alike.
     */
    public String dataTreatment() {
        return binary()
                ? "binarised (train: fresh stochastic draw per epoch; test NLL: one fixed stochastic draw, seed 0)"
                : "quantised to " + levels + " grey levels, level = floor(v · " + levels
                        + " / 256), the same for training and test";
    }

    /** "binary pixels" or "K = 16 grey levels": the discretisation, which every NLL in bits/dim needs beside it. */
    public String describe() {
        return binary() ? "binary pixels (K = 2 levels)" : "K = " + levels + " grey levels";
    }

    /**
     * Writes image {@code image}'s pixels as network inputs into {@code out} from {@code offset}:
     * binarised by {@code binarization} with {@code seed} for K = 2, quantised (ignoring both) for
     * K &gt; 2.
     */
    public void inputsInto(ImageSet set, int image, Binarization binarization, long seed, float[] out, int offset) {
        if (binary()) {
            binarization.binarizeInto(set, image, seed, out, offset);
            return;
        }
        Objects.checkIndex(image, set.count());
        int n = set.pixelsPerImage();
        Objects.checkFromIndexSize(offset, n, out.length);
        byte[] pixels = set.pixels();
        int base = image * n;
        for (int k = 0; k < n; k++) {
            out[offset + k] = input(level(pixels[base + k] & 0xFF));
        }
    }

    /**
     * One image as the reported NLLs see it, in levels: the fixed binarisation
     * ({@link Binarization#FIXED_TEST_SEED}) for K = 2, the quantisation for K &gt; 2. What a
     * completion keeps and the likelihood views score.
     */
    public float[] evaluationLevels(ImageSet set, int image) {
        float[] out = new float[set.pixelsPerImage()];
        inputsInto(set, image, Binarization.STOCHASTIC, Binarization.FIXED_TEST_SEED, out, 0);
        if (!binary()) {
            for (int k = 0; k < out.length; k++) {
                out[k] = levelOf(out[k]);
            }
        }
        return out;
    }

    /** {@link #evaluationLevels} as network inputs. */
    public float[] evaluationInputs(ImageSet set, int image) {
        float[] out = new float[set.pixelsPerImage()];
        inputsInto(set, image, Binarization.STOCHASTIC, Binarization.FIXED_TEST_SEED, out, 0);
        return out;
    }
}
