package org.pixelscope.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A stack of greyscale images of one size: unsigned bytes 0..255 in raster order (row by row,
 * left to right), image {@code i} starting at offset {@code i * rows * cols}.
 *
 * <p>The pixel array is shared, not copied (the MNIST training set is 47 MB): treat
 * {@link #pixels()} as read-only. {@link #slice} and {@link #limit} copy. Equality compares
 * pixel contents.
 *
 * <p>Thread: any; immutable by contract, safe to share once built.
 *
 * @param name   a label for logs and views, e.g. {@code "train"} or {@code "train[0:55000]"}
 * @param count  number of images, {@code >= 0}
 * @param rows   image height in pixels, {@code >= 1}
 * @param cols   image width in pixels, {@code >= 1}
 * @param pixels {@code count * rows * cols} unsigned bytes
 */
public record ImageSet(String name, int count, int rows, int cols, byte[] pixels) {

    public ImageSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pixels, "pixels");
        if (count < 0 || rows < 1 || cols < 1) {
            throw new IllegalArgumentException(
                    "need count >= 0 and rows, cols >= 1, got " + count + " x " + rows + "x" + cols);
        }
        if (pixels.length != (long) count * rows * cols) {
            throw new IllegalArgumentException(
                    "pixels.length " + pixels.length + " != " + count + " x " + rows + "x" + cols);
        }
    }

    /** {@code rows * cols}. */
    public int pixelsPerImage() {
        return rows * cols;
    }

    /**
     * @param image image number, {@code 0 <= image < count}
     * @param index raster position in the image, {@code 0 <= index < rows * cols}
     * @return the intensity 0..255
     */
    public int pixel(int image, int index) {
        Objects.checkIndex(image, count);
        Objects.checkIndex(index, pixelsPerImage());
        return pixels[image * pixelsPerImage() + index] & 0xFF;
    }

    /** A copy of images {@code from} (inclusive) to {@code to} (exclusive), named {@code name[from:to]}. */
    public ImageSet slice(int from, int to) {
        Objects.checkFromToIndex(from, to, count);
        int n = pixelsPerImage();
        byte[] part = Arrays.copyOfRange(pixels, from * n, to * n);
        return new ImageSet(name + "[" + from + ":" + to + "]", to - from, rows, cols, part);
    }

    /** The first {@code min(n, count)} images; {@code this} when nothing would be cut. */
    public ImageSet limit(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + n);
        }
        return n >= count ? this : slice(0, n);
    }

    /** The same images under another name (shares the pixel array). */
    public ImageSet withName(String newName) {
        return new ImageSet(newName, count, rows, cols, pixels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageSet other
                && name.equals(other.name)
                && count == other.count
                && rows == other.rows
                && cols == other.cols
                && Arrays.equals(pixels, other.pixels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, count, rows, cols) * 31 + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "ImageSet[" + name + ", " + count + " x " + rows + "x" + cols + "]";
    }
}
