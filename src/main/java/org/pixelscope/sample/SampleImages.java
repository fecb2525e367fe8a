package org.pixelscope.sample;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.pixelscope.data.AtomicFiles;

/**
 * Renders a {@link SampleTrace} as a grid of images (white digits on black, like MNIST; levels of
 * a K-level model in K greys) and
 * writes PNGs atomically. Uses AWT images only, so it runs headless.
 */
public final class SampleImages {

    private SampleImages() {}

    /**
     * A grid of all images, {@link SampleTrace#columns()} per row, {@code scale} screen pixels per
     * image pixel, 2-pixel gaps.
     */
    public static BufferedImage grid(SampleTrace trace, int scale) {
        return grid(trace, scale, trace.cursor());
    }

    /**
     * The grid as it looked when the first {@code shown} raster positions were drawn (a frame of
     * a replay); positions at or past {@code shown}, or not yet computed, are dim.
     */
    public static BufferedImage grid(SampleTrace trace, int scale, int shown) {
        int n = trace.count();
        int cols = trace.columns();
        int rows = (n + cols - 1) / cols;
        int gap = 2;
        int cw = trace.width() * scale;
        int ch = trace.height() * scale;
        BufferedImage img =
                new BufferedImage(cols * (cw + gap) + gap, rows * (ch + gap) + gap, BufferedImage.TYPE_INT_RGB);
        int grey = 0x606060;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, grey);
            }
        }
        int done = Math.min(shown, trace.cursor());
        for (int i = 0; i < n; i++) {
            int ox = gap + (i % cols) * (cw + gap);
            int oy = gap + (i / cols) * (ch + gap);
            for (int k = 0; k < trace.pixelsPerImage(); k++) {
                int rgb = k >= done ? 0x202040 : grey(trace.value(i, k), trace.levels());
                int px = ox + (k % trace.width()) * scale;
                int py = oy + (k / trace.width()) * scale;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        img.setRGB(px + dx, py + dy, rgb);
                    }
                }
            }
        }
        return img;
    }

    /** A level 0..K-1 as an RGB grey, black to white: 0/1 are black and white for a binary model. */
    public static int grey(int level, int levels) {
        int g = Math.round(level * 255f / (levels - 1));
        return (g << 16) | (g << 8) | g;
    }

    /** Writes a PNG via a temporary file, so a failed write never leaves a broken file. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
