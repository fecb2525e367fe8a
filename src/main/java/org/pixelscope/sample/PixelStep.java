package org.pixelscope.sample;

/**
 * One drawn pixel: the model's p(x=1 | pixels before) after temperature, and the value drawn.
 * Given pixels (a completion's kept rows) have probability {@code NaN}.
 */
public record PixelStep(int image, int row, int col, double probability, int value) {

    public boolean given() {
        return Double.isNaN(probability);
    }
}
