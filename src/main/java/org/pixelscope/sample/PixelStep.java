package org.pixelscope.sample;

/**
 * One drawn pixel: the model's p(x=1 | pixels before) after temperature, and the value drawn.
 * Given pixels (a completion's kept rows) have probability {@code NaN}.
 *
 * <p>A model with K grey levels draws a level 0..K-1 ({@code value}) from the categorical
 * {@code distribution} (p(x = v | pixels before) after temperature, K values; empty for a binary
 * model and for a given pixel), and {@code probability} is that of the level drawn.
 */
public record PixelStep(int image, int row, int col, double probability, int value, float[] distribution) {

    private static final float[] NONE = new float[0];

    public PixelStep {
        distribution = distribution == null ? NONE : distribution;
    }

    /** A binary model's pixel. */
    public PixelStep(int image, int row, int col, double probability, int value) {
        this(image, row, col, probability, value, NONE);
    }

    public boolean given() {
        return Double.isNaN(probability);
    }

    /** Whether the pixel has K &gt; 2 levels and its distribution is known (drawn, not given). */
    public boolean categorical() {
        return distribution.length > 0;
    }
}
