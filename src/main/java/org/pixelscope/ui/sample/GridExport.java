package org.pixelscope.ui.sample;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.pixelscope.data.AtomicFiles;
import org.pixelscope.sample.SampleImages;
import org.pixelscope.sample.SampleTrace;

/**
 * Writes a generation as a PNG grid (two grids side by side for a comparison) or as an animated GIF that replays it row by row (frames
 * every W pixels, at most {@link #MAX_FRAMES}, looping forever). Both go through
 * {@link AtomicFiles}, so a failed export never leaves a broken file. AWT only, no JavaFX.
 *
 * <p>Thread: a worker (file I/O); reads the trace below its cursor, which is safe while the
 * sampler still writes.
 */
final class GridExport {

    static final int MAX_FRAMES = 60;
    /** 1/100 s per frame: 28 rows replay in about 3 s. */
    private static final int FRAME_DELAY_CS = 10;
    /** The finished grid stays up before the loop starts again. */
    private static final int LAST_FRAME_DELAY_CS = 200;

    private static final int TARGET_WIDTH_PX = 640;
    /** Height of the name line above each grid of a pair, and the gap between the two grids. */
    static final int CAPTION_PX = 24;

    private static final int PAIR_GAP_PX = 16;
    private static final String GIF_FORMAT = "javax_imageio_gif_image_1.0";

    private GridExport() {}

    /** Screen pixels per image pixel so the grid is about {@value #TARGET_WIDTH_PX} px wide (1..8). */
    static int scale(int count, int width) {
        int cols = (int) Math.ceil(Math.sqrt(count));
        return Math.max(1, Math.min(8, TARGET_WIDTH_PX / (cols * (width + 1))));
    }

    /** The grid with the first {@code shown} positions drawn; returns {@code file}. */
    static Path writePng(SampleTrace trace, int shown, Path file) throws IOException {
        SampleImages.writePng(SampleImages.grid(trace, scale(trace.count(), trace.width()), shown), file);
        return file;
    }

    /**
     * Two models' grids side by side as one PNG (a comparison: same seed, same position), each
     * under its model's name; returns {@code file}. Both grids are drawn at the same scale.
     */
    static Path writePairPng(
            String leftName, SampleTrace left, String rightName, SampleTrace right, int shown, Path file)
            throws IOException {
        int scale = scale(Math.max(left.count(), right.count()), Math.max(left.width(), right.width()));
        BufferedImage a = SampleImages.grid(left, scale, shown);
        BufferedImage b = SampleImages.grid(right, scale, shown);
        BufferedImage pair = new BufferedImage(
                a.getWidth() + PAIR_GAP_PX + b.getWidth(),
                CAPTION_PX + Math.max(a.getHeight(), b.getHeight()),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = pair.createGraphics();
        try {
            g.setColor(new Color(0x303030));
            g.fillRect(0, 0, pair.getWidth(), pair.getHeight());
            g.drawImage(a, 0, CAPTION_PX, null);
            g.drawImage(b, a.getWidth() + PAIR_GAP_PX, CAPTION_PX, null);
            g.setColor(Color.WHITE);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, CAPTION_PX * 2 / 3));
            int baseline = CAPTION_PX * 3 / 4;
            g.drawString(leftName, 4, baseline);
            g.drawString(rightName, a.getWidth() + PAIR_GAP_PX + 4, baseline);
        } finally {
            g.dispose();
        }
        SampleImages.writePng(pair, file);
        return file;
    }

    /**
     * Raster positions at which the GIF takes a frame: {@code start} (the kept rows, or nothing),
     * then whole rows (several per frame when there would be more than {@code maxFrames}), then
     * {@code end}.
     */
    static int[] framePositions(int start, int end, int width, int maxFrames) {
        List<Integer> frames = new ArrayList<>();
        frames.add(start);
        int rows = (end - start + width - 1) / width;
        int rowsPerFrame = Math.max(1, (int) Math.ceil(rows / (double) Math.max(1, maxFrames - 1)));
        for (int p = (start / width + rowsPerFrame) * width; p < end; p += rowsPerFrame * width) {
            frames.add(p);
        }
        if (end > start) {
            frames.add(end);
        }
        return frames.stream().mapToInt(Integer::intValue).toArray();
    }

    /** An animated GIF of positions {@code trace.start()} to {@code end}; returns the frame count. */
    static int writeGif(SampleTrace trace, int end, Path file) throws IOException {
        int scale = scale(trace.count(), trace.width());
        int[] frames = framePositions(trace.start(), Math.min(end, trace.cursor()), trace.width(), MAX_FRAMES);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("this Java runtime has no GIF writer");
        }
        ImageWriter writer = writers.next();
        try {
            AtomicFiles.write(file, out -> {
                try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                    writer.setOutput(ios);
                    writer.prepareWriteSequence(null);
                    for (int f = 0; f < frames.length; f++) {
                        // RGB frames: the writer builds each frame's palette from its (four) colours, exactly
                        BufferedImage frame = SampleImages.grid(trace, scale, frames[f]);
                        int delay = f == frames.length - 1 ? LAST_FRAME_DELAY_CS : FRAME_DELAY_CS;
                        writer.writeToSequence(
                                new IIOImage(frame, null, frameMetadata(writer, frame, delay, f == 0)), null);
                    }
                    writer.endWriteSequence();
                }
            });
        } finally {
            writer.dispose();
        }
        return frames.length;
    }

    private static IIOMetadata frameMetadata(ImageWriter writer, BufferedImage frame, int delayCs, boolean first)
            throws IOException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(GIF_FORMAT);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(delayCs));
        gce.setAttribute("transparentColorIndex", "0");
        if (first) {
            // NETSCAPE2.0 block: loop count 0 = forever
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0});
            child(root, "ApplicationExtensions").appendChild(app);
        }
        meta.setFromTree(GIF_FORMAT, root);
        return meta;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
