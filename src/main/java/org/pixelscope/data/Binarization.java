package org.pixelscope.data;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * How a greyscale pixel 0..255 becomes a binary pixel 0/1, the input and target of a binary
 * PixelCNN. {@link #STOCHASTIC} samples each pixel as Bernoulli(intensity / 255) (Salakhutdinov
 * and Murray 2008); drawing afresh each epoch is "dynamic binarisation", and evaluating on one
 * fixed draw ({@link #FIXED_TEST_SEED}) keeps NLL numbers comparable between runs.
 *
 * <p>An image's bits depend only on {@code (seed, image index)}, never on how the images are
 * batched or ordered: {@code binarize(set, 10, 20, s)} equals the matching slice of
 * {@code binarize(set, 0, 100, s)}.
 *
 * <p>Thread: any; stateless.
 */
public enum Binarization {

    /** Pixel {@code >= }{@link #THRESHOLD_LEVEL} becomes 1, else 0; ignores the seed. */
    THRESHOLD,
    /** Pixel becomes 1 with probability {@code pixel / 255}: exactly 0 for 0, exactly 1 for 255. */
    STOCHASTIC;

    /** Midpoint of 0..255: a pixel that is at least half ink counts as ink. */
    public static final int THRESHOLD_LEVEL = 128;

    /** Seed of the fixed test (and validation) binarisation: one agreed draw, so scores compare. */
    public static final long FIXED_TEST_SEED = 0;

    /** Whether the bits change with the seed (so an epoch counter should feed the seed). */
    public boolean usesSeed() {
        return this == STOCHASTIC;
    }

    /**
     * Binarises images {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @return {@code (to - from) * rows * cols} values 0f/1f, image by image in raster order
     */
    public float[] binarize(ImageSet set, int from, int to, long seed) {
        Objects.checkFromToIndex(from, to, set.count());
        int n = set.pixelsPerImage();
        float[] out = new float[(to - from) * n];
        for (int i = from; i < to; i++) {
            binarizeInto(set, i, seed, out, (i - from) * n);
        }
        return out;
    }

    /** Binarises one image into a new array of {@code rows * cols} values 0f/1f. */
    public float[] binarizeImage(ImageSet set, int image, long seed) {
        float[] out = new float[set.pixelsPerImage()];
        binarizeInto(set, image, seed, out, 0);
        return out;
    }

    /** Writes image {@code image}'s {@code rows * cols} bits into {@code out} from {@code offset}. */
    public void binarizeInto(ImageSet set, int image, long seed, float[] out, int offset) {
        Objects.checkIndex(image, set.count());
        int n = set.pixelsPerImage();
        Objects.checkFromIndexSize(offset, n, out.length);
        byte[] pixels = set.pixels();
        int base = image * n;
        if (this == THRESHOLD) {
            for (int k = 0; k < n; k++) {
                out[offset + k] = (pixels[base + k] & 0xFF) >= THRESHOLD_LEVEL ? 1f : 0f;
            }
            return;
        }
        SplittableRandom rng = new SplittableRandom(imageSeed(seed, image));
        for (int k = 0; k < n; k++) {
            // nextInt(255) is uniform on 0..254, so P(< pixel) = pixel / 255 exactly.
            out[offset + k] = rng.nextInt(255) < (pixels[base + k] & 0xFF) ? 1f : 0f;
        }
    }

    /**
     * The seed of one image's generator. Not {@code seed * golden + image}: SplittableRandom
     * steps its state by that same golden gamma, so epoch {@code s + 1} would replay epoch
     * {@code s} shifted by one pixel. Mixing both inputs makes every stream unrelated.
     */
    static long imageSeed(long seed, int image) {
        return mix64(mix64(seed) + image);
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser: a bijective 64-bit bit mixer. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
