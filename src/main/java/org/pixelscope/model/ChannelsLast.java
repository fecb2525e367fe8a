package org.pixelscope.model;

/**
 * Moves one image between channel planes ({@code [C][H][W]}, what DL4J's NCHW arrays hold) and a
 * {@link Frame} (positions in rows of {@code frameWidth}, the image at ({@code top}, {@code left}),
 * channels last), on Java float arrays.
 *
 * <p>Why blocked: the plain loop (every channel of a pixel, then the next pixel) writes or reads one
 * value per plane at a time and ran at ~1.4 ns a value here; taking eight channels at once along
 * a picture row keeps both sides' cache lines in use and ran at ~0.6 ns. The layer moves every
 * activation and error through such copies several times a pass.
 *
 * <p>Thread: stateless.
 */
final class ChannelsLast {

    /** Channels moved together along a picture row. */
    private static final int BLOCK = 8;

    private ChannelsLast() {}

    /**
     * {@code dst[dstFrom + c * H * W + y * W + x]} = (its value when {@code add}) +
     * {@code src[srcFrom + ((y + top) * frameWidth + x + left) * channels + c]} for every channel and pixel.
     */
    static void toPlanes(
            float[] src,
            int srcFrom,
            int top,
            int left,
            int frameWidth,
            int channels,
            float[] dst,
            int dstFrom,
            int height,
            int width,
            boolean add) {
        int plane = height * width;
        int blocked = channels - channels % BLOCK;
        for (int y = 0; y < height; y++) {
            int q0 = srcFrom + ((y + top) * frameWidth + left) * channels;
            int p0 = dstFrom + y * width;
            for (int c = 0; c < blocked; c += BLOCK) {
                int d = p0 + c * plane;
                if (add) {
                    for (int x = 0, q = q0 + c; x < width; x++, q += channels) {
                        int p = d + x;
                        dst[p] += src[q];
                        dst[p + plane] += src[q + 1];
                        dst[p + 2 * plane] += src[q + 2];
                        dst[p + 3 * plane] += src[q + 3];
                        dst[p + 4 * plane] += src[q + 4];
                        dst[p + 5 * plane] += src[q + 5];
                        dst[p + 6 * plane] += src[q + 6];
                        dst[p + 7 * plane] += src[q + 7];
                    }
                } else {
                    for (int x = 0, q = q0 + c; x < width; x++, q += channels) {
                        int p = d + x;
                        dst[p] = src[q];
                        dst[p + plane] = src[q + 1];
                        dst[p + 2 * plane] = src[q + 2];
                        dst[p + 3 * plane] = src[q + 3];
                        dst[p + 4 * plane] = src[q + 4];
                        dst[p + 5 * plane] = src[q + 5];
                        dst[p + 6 * plane] = src[q + 6];
                        dst[p + 7 * plane] = src[q + 7];
                    }
                }
            }
            for (int c = blocked; c < channels; c++) {
                int d = p0 + c * plane;
                for (int x = 0, q = q0 + c; x < width; x++, q += channels) {
                    dst[d + x] = add ? dst[d + x] + src[q] : src[q];
                }
            }
        }
    }

    /**
     * {@code dst[dstFrom + ((y + top) * frameWidth + x + left) * channels + c]} =
     * {@code src[srcFrom + c * H * W + y * W + x]} for every channel and pixel; the frame's other
     * positions are left as they are.
     */
    static void toFrame(
            float[] src,
            int srcFrom,
            int height,
            int width,
            int channels,
            float[] dst,
            int dstFrom,
            int top,
            int left,
            int frameWidth) {
        int plane = height * width;
        int blocked = channels - channels % BLOCK;
        for (int y = 0; y < height; y++) {
            int q0 = dstFrom + ((y + top) * frameWidth + left) * channels;
            int p0 = srcFrom + y * width;
            for (int c = 0; c < blocked; c += BLOCK) {
                int s = p0 + c * plane;
                for (int x = 0, q = q0 + c; x < width; x++, q += channels) {
                    int p = s + x;
                    dst[q] = src[p];
                    dst[q + 1] = src[p + plane];
                    dst[q + 2] = src[p + 2 * plane];
                    dst[q + 3] = src[p + 3 * plane];
                    dst[q + 4] = src[p + 4 * plane];
                    dst[q + 5] = src[p + 5 * plane];
                    dst[q + 6] = src[p + 6 * plane];
                    dst[q + 7] = src[p + 7 * plane];
                }
            }
            for (int c = blocked; c < channels; c++) {
                int s = p0 + c * plane;
                for (int x = 0, q = q0 + c; x < width; x++, q += channels) {
                    dst[q] = src[s + x];
                }
            }
        }
    }
}
