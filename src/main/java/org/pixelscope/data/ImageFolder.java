package org.pixelscope.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A folder of PNG or JPEG pictures as a stack of {@code side x side} grey images in MNIST's
 * convention: light strokes (255) on a dark background (0), the picture centred and scaled to
 * fit, keeping its aspect ratio.
 *
 * <p>Sub-folders are labels: {@code digits/3/a.png} is labelled with sub-folder {@code 3}'s
 * position among the sub-folders in name order (so folders named {@code 0} to {@code 9} give
 * MNIST's digit labels). Pictures directly in the folder get label 0 when there are no
 * sub-folders; a folder with both is read as labelled and its loose pictures are reported as
 * skipped, since they have no label.
 *
 * <p>Conversion, step by step: decode (any colour model ImageIO reads; 16-bit and palette
 * images included), composite transparency onto white, take the luminance (Rec. 601 weights),
 * invert when the picture's border is light (a dark pen on paper becomes MNIST's light pen on
 * black), then area-average into the target square. Every picture contributes in proportion to
 * the area it covers, so thin strokes fade rather than vanish.
 *
 * <p>Files are untrusted: a picture's dimensions are read from its header and capped before any
 * pixel is decoded ({@link #MAX_SIDE}), files larger than {@link #MAX_FILE_BYTES} and folders with
 * more than {@link #MAX_FILES} pictures are refused, and a picture that cannot be decoded is
 * skipped and reported by name ({@link Result#skipped()}), never dropped silently.
 *
 * <p>Thread: any; blocking file I/O, so never the FX thread.
 */
public final class ImageFolder {

    /** Largest picture side decoded; bigger headers are refused before decoding (decompression bombs). */
    public static final int MAX_SIDE = 8192;
    /** Largest picture file read. */
    public static final long MAX_FILE_BYTES = 64L << 20;
    /** Most pictures in one data set (MNIST has 70,000). */
    public static final int MAX_FILES = 200_000;

    private static final double[] LUMA = {0.299, 0.587, 0.114};

    private ImageFolder() {}

    /**
     * What was read.
     *
     * @param images     the converted pictures, in file-name order (labels in sub-folder order)
     * @param labels     one label per image
     * @param labelNames sub-folder names by label, empty for an unlabelled folder
     * @param skipped    one line per file that was not used: its path relative to the folder and why
     */
    public record Result(ImageSet images, byte[] labels, List<String> labelNames, List<String> skipped) {}

    /** True when {@code name} ends in a picture extension this class reads. */
    public static boolean isPicture(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /** True when {@code dir} holds pictures directly or in its sub-folders. */
    public static boolean containsPictures(Path dir) throws IOException {
        for (Path p : list(dir)) {
            if (Files.isRegularFile(p) && isPicture(p)) {
                return true;
            }
            if (Files.isDirectory(p)) {
                for (Path q : list(p)) {
                    if (Files.isRegularFile(q) && isPicture(q)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Reads every picture of {@code dir} (and of its sub-folders, one level) as {@code side x side}.
     *
     * @throws ImageFileException when the folder cannot be read, holds no usable picture, or too many
     */
    public static Result read(Path dir, int side) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new ImageFileException(dir, dir + ": not a folder");
        }
        List<Path> subfolders = new ArrayList<>();
        List<Path> loose = new ArrayList<>();
        for (Path p : list(dir)) {
            if (Files.isDirectory(p) && !p.getFileName().toString().startsWith(".")) {
                subfolders.add(p);
            } else if (Files.isRegularFile(p) && isPicture(p)) {
                loose.add(p);
            }
        }
        List<String> skipped = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Byte> labels = new ArrayList<>();
        List<String> labelNames = new ArrayList<>();
        if (subfolders.isEmpty()) {
            for (Path p : loose) {
                files.add(p);
                labels.add((byte) 0);
            }
        } else {
            if (subfolders.size() > 256) {
                throw new ImageFileException(
                        dir, dir + ": " + subfolders.size() + " sub-folders, but at most 256 labels are supported");
            }
            for (Path p : loose) {
                skipped.add(dir.relativize(p) + ": no label (the folder has label sub-folders; move it into one)");
            }
            for (int label = 0; label < subfolders.size(); label++) {
                Path sub = subfolders.get(label);
                labelNames.add(sub.getFileName().toString());
                for (Path p : list(sub)) {
                    if (Files.isRegularFile(p) && isPicture(p)) {
                        files.add(p);
                        labels.add((byte) label);
                    }
                }
            }
        }
        if (files.size() > MAX_FILES) {
            throw new ImageFileException(
                    dir,
                    String.format(
                            Locale.ROOT,
                            "%s: %,d pictures, more than the %,d PixelScope reads",
                            dir,
                            files.size(),
                            MAX_FILES));
        }
        int n = side * side;
        byte[] pixels = new byte[files.size() * n];
        byte[] kept = new byte[files.size()];
        int count = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            try {
                convert(decode(file), side, pixels, count * n);
                kept[count++] = labels.get(i);
            } catch (ImageFileException e) {
                skipped.add(dir.relativize(file) + ": " + e.reason());
            }
        }
        if (count == 0) {
            String why = skipped.isEmpty()
                    ? "no PNG or JPEG pictures in it or its sub-folders"
                    : "none of its " + skipped.size() + " pictures could be read (first: " + skipped.get(0) + ")";
            throw new ImageFileException(dir, dir + ": " + why);
        }
        ImageSet images = new ImageSet(
                dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(),
                count,
                side,
                side,
                java.util.Arrays.copyOf(pixels, count * n));
        return new Result(images, java.util.Arrays.copyOf(kept, count), List.copyOf(labelNames), List.copyOf(skipped));
    }

    /** Decodes one picture after checking its size and header. */
    static BufferedImage decode(Path file) throws IOException {
        long bytes = Files.size(file);
        if (bytes > MAX_FILE_BYTES) {
            throw new ImageFileException(
                    file,
                    String.format(Locale.ROOT, "%,d bytes, more than the %,d MB read", bytes, MAX_FILE_BYTES >> 20));
        }
        try (InputStream raw = Files.newInputStream(file);
                ImageInputStream in = ImageIO.createImageInputStream(raw)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageFileException(file, "not a PNG or JPEG picture (unrecognised content)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE) {
                    throw new ImageFileException(
                            file, w + "x" + h + " pixels; sides from 1 to " + MAX_SIDE + " are read");
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new ImageFileException(file, "the picture decoder returned nothing");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (ImageFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageFileException(file, "damaged or unsupported picture (" + e.getMessage() + ")", e);
        }
    }

    /** Grey, MNIST polarity, area-averaged into {@code side x side} at {@code out[offset..]}. */
    static void convert(BufferedImage image, int side, byte[] out, int offset) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] grey = new float[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                double a = (argb >>> 24) / 255.0;
                double l = LUMA[0] * (argb >> 16 & 0xFF) + LUMA[1] * (argb >> 8 & 0xFF) + LUMA[2] * (argb & 0xFF);
                grey[y * w + x] = (float) (a * l + (1 - a) * 255); // transparent shows the white page
            }
        }
        if (borderMean(grey, w, h) > 127.5) {
            for (int i = 0; i < grey.length; i++) {
                grey[i] = 255 - grey[i];
            }
        }
        // fit the longer side to the square, centred; the rest is background (0)
        double scale = (double) side / Math.max(w, h);
        double fw = w * scale;
        double fh = h * scale;
        double left = (side - fw) / 2;
        double top = (side - fh) / 2;
        for (int ty = 0; ty < side; ty++) {
            for (int tx = 0; tx < side; tx++) {
                // the target pixel's square in source coordinates
                double sx0 = (tx - left) / scale;
                double sx1 = (tx + 1 - left) / scale;
                double sy0 = (ty - top) / scale;
                double sy1 = (ty + 1 - top) / scale;
                double sum = 0;
                for (int sy = Math.max(0, (int) Math.floor(sy0)); sy < Math.min(h, Math.ceil(sy1)); sy++) {
                    double cy = Math.min(sy + 1, sy1) - Math.max(sy, sy0);
                    for (int sx = Math.max(0, (int) Math.floor(sx0)); sx < Math.min(w, Math.ceil(sx1)); sx++) {
                        double cx = Math.min(sx + 1, sx1) - Math.max(sx, sx0);
                        sum += cx * cy * grey[sy * w + sx];
                    }
                }
                double area = (sx1 - sx0) * (sy1 - sy0);
                out[offset + ty * side + tx] = (byte) Math.round(Math.min(255, Math.max(0, sum / area)));
            }
        }
    }

    private static double borderMean(float[] grey, int w, int h) {
        double sum = 0;
        int n = 0;
        for (int x = 0; x < w; x++) {
            sum += grey[x] + grey[(h - 1) * w + x];
            n += 2;
        }
        for (int y = 1; y < h - 1; y++) {
            sum += grey[y * w] + grey[y * w + w - 1];
            n += 2;
        }
        return sum / n;
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (!p.getFileName().toString().startsWith(".")) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new ImageFileException(dir, dir + ": cannot list the folder (" + e.getMessage() + ")", e);
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }
}
