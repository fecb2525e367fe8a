package org.pixelscope.ui.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pixelscope.data.Binarization;
import org.pixelscope.data.ImageSet;
import org.pixelscope.data.MnistData;

/**
 * What File &gt; Open Data shows before a data set replaces the current one: where it came from,
 * how it splits, its labels, the files it skipped and why, and its first images twice, as
 * converted (28x28 grey) and as the model sees them (one stochastic binarisation, the draw the
 * test NLL uses). Built on a worker; the dialog only draws it.
 *
 * <p>Thread: any; immutable once built.
 *
 * @param opened   what was read
 * @param lines    the description, one fact per line
 * @param warnings what stops or may surprise the user (wrong image size, skipped files), one per line
 * @param usable   false when the data cannot train or sample the current model
 * @param grey     the first images as ARGB pixels, white ink on black
 * @param bits     the same images binarised, as ARGB pixels
 * @param rows     the images' height in pixels
 * @param cols     the images' width in pixels
 */
public record DataPreview(
        MnistData.Opened opened,
        List<String> lines,
        List<String> warnings,
        boolean usable,
        List<int[]> grey,
        List<int[]> bits,
        int rows,
        int cols) {

    /** Images in the preview grid: three rows of twelve fit a 1280-wide window at 100% zoom. */
    public static final int SHOWN = 36;

    /** How many skipped files the preview names before it only counts the rest. */
    static final int SKIPPED_NAMED = 20;

    /**
     * Describes {@code opened} for a model that draws {@code modelRows x modelCols} images
     * (pass 0, 0 when no model is loaded).
     */
    public static DataPreview of(MnistData.Opened opened, int modelRows, int modelCols) {
        MnistData data = opened.data();
        ImageSet images = data.trainAll();
        List<String> lines = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Path source = data.source().toAbsolutePath().normalize();
        if (opened.pictures()) {
            lines.add(String.format(
                    Locale.ROOT,
                    "A folder of %,d pictures, converted to %dx%d grey (light or dark ink, either way, becomes white ink on black)",
                    images.count(),
                    images.rows(),
                    images.cols()));
            lines.add(
                    opened.labelNames().isEmpty()
                            ? "No sub-folders, so no labels"
                            : "Labels from sub-folders: " + String.join(", ", opened.labelNames()));
            lines.add("Training holds out every tenth picture (" + MnistData.FOLDER_VALIDATION_PERCENT
                    + "%) for validation; evaluation uses every picture");
        } else {
            lines.add(String.format(
                    Locale.ROOT,
                    "MNIST IDX files, %,d training and %,d test images of %dx%d",
                    images.count(),
                    data.test().count(),
                    images.rows(),
                    images.cols()));
        }
        lines.add("Split: " + data.splitLine());
        lines.add("Folder: " + source);
        boolean usable = true;
        if (modelRows > 0 && (images.rows() != modelRows || images.cols() != modelCols)) {
            usable = false;
            warnings.add(String.format(
                    Locale.ROOT,
                    "These images are %dx%d, but the current model draws %dx%d images: "
                            + "choose data of that size or a model for it",
                    images.rows(),
                    images.cols(),
                    modelRows,
                    modelCols));
        }
        List<String> skipped = opened.skipped();
        if (!skipped.isEmpty()) {
            warnings.add(String.format(Locale.ROOT, "Skipped %,d file(s):", skipped.size()));
            skipped.stream().limit(SKIPPED_NAMED).forEach(s -> warnings.add("  " + s));
            if (skipped.size() > SKIPPED_NAMED) {
                warnings.add(String.format(Locale.ROOT, "  … and %,d more", skipped.size() - SKIPPED_NAMED));
            }
        }
        int n = Math.min(SHOWN, images.count());
        List<int[]> grey = new ArrayList<>(n);
        List<int[]> bits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            grey.add(greyArgb(images, i));
            bits.add(bitsArgb(Binarization.STOCHASTIC.binarizeImage(images, i, Binarization.FIXED_TEST_SEED)));
        }
        return new DataPreview(
                opened, List.copyOf(lines), List.copyOf(warnings), usable, grey, bits, images.rows(), images.cols());
    }

    private static int[] greyArgb(ImageSet images, int image) {
        int[] out = new int[images.pixelsPerImage()];
        for (int p = 0; p < out.length; p++) {
            int v = images.pixel(image, p);
            out[p] = 0xFF000000 | v << 16 | v << 8 | v;
        }
        return out;
    }

    private static int[] bitsArgb(float[] bits) {
        int[] out = new int[bits.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = bits[p] > 0.5f ? 0xFFFFFFFF : 0xFF000000;
        }
        return out;
    }
}
