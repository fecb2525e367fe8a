package org.pixelscope.sample;

/**
 * What to generate.
 *
 * @param count       images, 1..64
 * @param seed        fixes every draw: the same seed gives the same images
 * @param temperature divides the logit of each p(x=1) (each log-probability of a K-level pixel); 1
 *                    samples the model, below 1 sharpens
 * @param prefix      for completion: {@code count * H * W} pixels (levels: 0/1, or 0..K-1) whose first
 *                    {@code prefixRows} rows are kept; {@code null} to sample from scratch
 * @param prefixRows  rows kept from {@code prefix}
 * @param labels      for a class-conditional model: the class (digit) of each image, {@code count}
 *                    of them; {@code null} for an unconditional model (a conditional one then draws
 *                    from the mixture over its classes)
 */
public record SampleRequest(int count, long seed, double temperature, float[] prefix, int prefixRows, int[] labels) {

    /** 64 images: an 8x8 grid, about what a screen or a slide shows legibly. */
    public static final int MAX_COUNT = 64;
    /** 16 images: a 4x4 grid, enough to judge variety at a size a lecture hall can read. */
    public static final int DEFAULT_COUNT = 16;
    /** 7: any fixed value works; shared by the CLI and the GUI so that both draw the same first images. */
    public static final int DEFAULT_SEED = 7;

    public SampleRequest {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("number of images must be 1.." + MAX_COUNT + ", got " + count);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a positive number, got " + temperature);
        }
        if (prefixRows < 0 || (prefix == null && prefixRows > 0)) {
            throw new IllegalArgumentException("kept rows need a prefix image and must be >= 0, got " + prefixRows);
        }
        if (labels != null && labels.length != count) {
            throw new IllegalArgumentException("one label per image needed: " + labels.length + " for " + count);
        }
    }

    /** Without labels. */
    public SampleRequest(int count, long seed, double temperature, float[] prefix, int prefixRows) {
        this(count, seed, temperature, prefix, prefixRows, null);
    }

    /**
     * The labels of a grid with one row per class: {@code perClass} images of {@code classes[0]},
     * then of {@code classes[1]}, and so on.
     */
    public static int[] rowsOf(int[] classes, int perClass) {
        int[] labels = new int[classes.length * perClass];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classes[i / perClass];
        }
        return labels;
    }

    /** The same request with a class label per image, for a class-conditional model. */
    public SampleRequest withLabels(int[] labels) {
        return new SampleRequest(count, seed, temperature, prefix, prefixRows, labels == null ? null : labels.clone());
    }

    /** Unconditional sampling. */
    public static SampleRequest fresh(int count, long seed, double temperature) {
        return new SampleRequest(count, seed, temperature, null, 0);
    }
}
