package org.pixelscope.model;

/**
 * A zero-bordered image layout in which a convolution is a handful of matrix products: each image
 * of {@code height x width} pixels sits in a frame of {@code height + top} rows of
 * {@link #frameWidth} positions (plus a short zero tail), and a batch of frames is one c-ordered
 * {@code [images * perImage, channels]} array, one row per position (channels last, as in NHWC).
 *
 * <pre>
 *   frame of one image (top = 1, left = 1, right = 1)     output positions in the same frame
 *     0 0 0 0 0                                              o o o o .
 *     0 p p p p                                              o o o o .
 *     0 p p p p        kernel tap (dy, dx) reads row          o o o o .
 *     0 p p p p        i + dy * frameWidth + dx for          . . . . .
 *     0                output row i                          .
 * </pre>
 *
 * Output (y, x) is stored at frame position (y, x), so for a kernel tap the rows it reads are the
 * output rows shifted by one constant: a whole convolution is one product per tap of a contiguous
 * block of input rows with that tap's {@code [cIn, cOut]} weights ({@link TapConv}). The positions
 * with {@code x >= width} or {@code y >= height} get values too; they mean nothing, are never
 * copied out, and their gradients are held at zero, so they change no weight.
 *
 * <p>One band of {@code max(left, right)} zero columns between picture rows serves as the right
 * border of one row and the left border of the next (a read past the right edge runs into the next
 * row's zeros), and a tail of {@code min(left, right)} zero positions after the last row does the
 * same for the last row: 842 positions per 28 x 28 image with one-pixel borders instead of 870,
 * 1,027 with the first gated layer's borders instead of 1,120, and every product, gate and copy
 * runs over that many rows.
 *
 * <p>A shifted product for images {@code [0, n)} computes {@link #computed(long)} rows: it stops
 * at the last image's last pixel, so its reads end inside that image's own frame (for kernels
 * that fit the borders) and a slice of the batch never touches the rows of the next.
 *
 * @param height pixels per column of the image
 * @param width  pixels per row of the image
 * @param top    zero rows above the image
 * @param left   zero columns left of it
 * @param right  zero columns right of it
 */
record Frame(int height, int width, int top, int left, int right) {

    Frame {
        if (height < 1 || width < 1 || top < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException(
                    "invalid frame " + height + "x" + width + " + " + top + ", " + left + ", " + right);
        }
    }

    /** Positions per frame row: the picture row and one shared band of border columns. */
    int frameWidth() {
        return width + Math.max(left, right);
    }

    /** Rows of the array per image: the frame rows and the zero tail after the last. */
    long perImage() {
        return (long) (height + top) * frameWidth() + Math.min(left, right);
    }

    /** Rows of the array for {@code images} images. */
    long rows(long images) {
        return images * perImage();
    }

    /** Rows a shifted product computes for {@code images} images: up to the last image's last pixel. */
    long computed(long images) {
        return (images - 1) * perImage() + (long) (height - 1) * frameWidth() + width;
    }

    /** The row of image {@code image}'s position (y, x), counted in frame coordinates. */
    long row(long image, long y, long x) {
        return image * perImage() + y * frameWidth() + x;
    }
}
