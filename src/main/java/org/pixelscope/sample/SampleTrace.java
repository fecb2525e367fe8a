package org.pixelscope.sample;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.pixelscope.model.PixelModel;

/**
 * The record of one generation: every image's pixel values and probabilities in raster order,
 * and a cursor saying how many raster positions are done. A viewer replays it at any speed.
 *
 * <p>Values are levels: 0/1 for a binary model, 0..K-1 for one with K grey levels, which also
 * keeps each drawn pixel's whole distribution (K floats; {@code count * H * W * K} in all, 51 MB
 * for 64 images at K = 256) so a viewer can show it.
 *
 * <p>Thread: written by one sampler thread; read by any thread. The sampler writes position k of
 * every image before it moves the cursor past k, so a reader that reads {@link #cursor()} first
 * sees complete pixels below it.
 */
public final class SampleTrace {

    private final int count;
    private final int height;
    private final int width;
    private final int columns;
    private final float[] values;
    private final float[] probabilities;
    private final int levels;
    /** K floats per pixel for K &gt; 2 levels, else empty. */
    private final float[] distributions;

    private final AtomicInteger cursor = new AtomicInteger();
    private volatile int start;

    public SampleTrace(int count, int height, int width) {
        this(count, height, width, (int) Math.ceil(Math.sqrt(count)));
    }

    /**
     * A trace whose grid shows {@code columns} images per row: one row per class when a
     * class-conditional model draws several classes ({@link SampleRequest#rowsOf}).
     */
    public SampleTrace(int count, int height, int width, int columns) {
        this(count, height, width, columns, 2);
    }

    /** A trace of {@code count} of the model's images in an about square grid, with its grey levels. */
    public static SampleTrace of(PixelModel model, int count) {
        return new SampleTrace(
                count, model.spec().height(), model.spec().width(), (int) Math.ceil(Math.sqrt(count)), model.levels());
    }

    /** A trace of a model with {@code levels} grey levels per pixel (2: binary). */
    public SampleTrace(int count, int height, int width, int columns, int levels) {
        if (levels < 2 || levels > 256) {
            throw new IllegalArgumentException("grey levels must be 2 to 256, got " + levels);
        }
        if (columns < 1 || columns > count) {
            throw new IllegalArgumentException("a grid of " + count + " images cannot have " + columns + " columns");
        }
        this.count = count;
        this.height = height;
        this.width = width;
        this.columns = columns;
        this.values = new float[count * height * width];
        this.probabilities = new float[count * height * width];
        Arrays.fill(probabilities, Float.NaN);
        this.levels = levels;
        this.distributions = new float[levels > 2 ? count * height * width * levels : 0];
    }

    /** Grey levels K of a pixel: values are 0..K-1. */
    public int levels() {
        return levels;
    }

    public int count() {
        return count;
    }

    public int height() {
        return height;
    }

    /** Images per row of the grid that shows the trace; about square unless made otherwise. */
    public int columns() {
        return columns;
    }

    public int width() {
        return width;
    }

    public int pixelsPerImage() {
        return height * width;
    }

    /** Raster positions completed in every image (0..H*W). */
    public int cursor() {
        return cursor.get();
    }

    /** First generated position (a completion starts after its kept rows). */
    public int start() {
        return start;
    }

    public boolean complete() {
        return cursor() == pixelsPerImage();
    }

    /**
     * The pixel at raster {@code position} of {@code image}: drawn, or given (a completion's kept
     * rows, probability NaN). Positions at or past the cursor are not drawn yet: an error.
     */
    public PixelStep step(int image, int position) {
        if (position >= cursor()) {
            throw new IllegalArgumentException(
                    "pixel " + position + " is not drawn yet (" + cursor() + " of " + pixelsPerImage() + " done)");
        }
        int i = image * pixelsPerImage() + position;
        float[] distribution = levels > 2 && !Float.isNaN(probabilities[i])
                ? Arrays.copyOfRange(distributions, i * levels, (i + 1) * levels)
                : null;
        return new PixelStep(
                image, position / width, position % width, probabilities[i], (int) values[i], distribution);
    }

    /** Pixel value: 0/1, or the level 0..K-1 (0 where not yet drawn). */
    public int value(int image, int position) {
        return (int) values[image * pixelsPerImage() + position];
    }

    /** A copy of one image's values, raster order. */
    public float[] image(int image) {
        return Arrays.copyOfRange(values, image * pixelsPerImage(), (image + 1) * pixelsPerImage());
    }

    void given(float[] prefix, int positions) {
        for (int n = 0; n < count; n++) {
            System.arraycopy(prefix, n * pixelsPerImage(), values, n * pixelsPerImage(), positions);
        }
        start = positions;
        cursor.set(positions);
    }

    void write(int image, int position, float probability, int value) {
        int i = image * pixelsPerImage() + position;
        probabilities[i] = probability;
        values[i] = value;
    }

    /** A K-level pixel: its tempered distribution {@code p} (K values) and the level drawn. */
    void write(int image, int position, double[] p, int value) {
        int i = image * pixelsPerImage() + position;
        for (int v = 0; v < levels; v++) {
            distributions[i * levels + v] = (float) p[v];
        }
        probabilities[i] = (float) p[value];
        values[i] = value;
    }

    void advance(int position) {
        cursor.set(position + 1);
    }
}
