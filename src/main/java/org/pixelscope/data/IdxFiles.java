package org.pixelscope.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes the IDX format of LeCun's MNIST files (http://yann.lecun.com/exdb/mnist/):
 * a big-endian header {@code 0x00 0x00 type dims} followed by one 32-bit size per dimension,
 * then the data. Only unsigned-byte images ({@code 0x00000803}: count, rows, cols) and labels
 * ({@code 0x00000801}: count) are supported.
 *
 * <p>Reading accepts raw or gzipped files, told apart by the gzip magic bytes {@code 1f 8b}
 * rather than the name. Every defect is an {@link IdxFormatException} whose message names the
 * file and the problem; trailing bytes count as a defect because they mean the header and the
 * data disagree.
 *
 * <p>Thread: any; blocking file I/O, so never the FX thread.
 */
public final class IdxFiles {

    /** Magic of an unsigned-byte, 3-dimensional IDX file (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic of an unsigned-byte, 1-dimensional IDX file (labels). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Largest accepted image side; anything bigger is a damaged header, not a picture. */
    public static final int MAX_SIDE = 4096;

    private static final int IMAGES_HEADER = 16;
    private static final int LABELS_HEADER = 8;
    private static final int UNSIGNED_BYTE = 0x08;
    private static final int BUFFER = 1 << 16;
    // Deflate cannot expand data by more than ~1032:1, so a header asking for more than this
    // times the .gz size is cut off for sure; checking first avoids allocating gigabytes.
    private static final long MAX_DEFLATE_RATIO = 1100;
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private IdxFiles() {}

    /** Reads an IDX image file; the set is named after the file without {@code .gz}. */
    public static ImageSet readImages(Path file) throws IOException {
        try (Source src = open(file)) {
            byte[] header = new byte[IMAGES_HEADER];
            int got = readUpTo(src.in, header);
            checkMagic(file, header, got, IMAGES_MAGIC, IMAGES_HEADER);
            ByteBuffer h = ByteBuffer.wrap(header);
            int count = h.getInt(4);
            int rows = h.getInt(8);
            int cols = h.getInt(12);
            if (count < 0) {
                throw defect(file, "header says %d images — the count is damaged", count);
            }
            if (rows < 1 || rows > MAX_SIDE || cols < 1 || cols > MAX_SIDE) {
                throw defect(
                        file, "header says images of %dx%d — rows and columns must be 1..%d", rows, cols, MAX_SIDE);
            }
            long bytes = (long) count * rows * cols;
            String claim = fmt("header says %d images of %dx%d (%,d bytes)", count, rows, cols, bytes);
            byte[] pixels = readBody(src, file, bytes, claim, "image");
            return new ImageSet(stem(file), count, rows, cols, pixels);
        } catch (ZipException | EOFException e) {
            throw corruptGzip(file, e);
        }
    }

    /** Reads an IDX label file: one unsigned byte per image. */
    public static byte[] readLabels(Path file) throws IOException {
        try (Source src = open(file)) {
            byte[] header = new byte[LABELS_HEADER];
            int got = readUpTo(src.in, header);
            checkMagic(file, header, got, LABELS_MAGIC, LABELS_HEADER);
            int count = ByteBuffer.wrap(header).getInt(4);
            if (count < 0) {
                throw defect(file, "header says %d labels — the count is damaged", count);
            }
            String claim = fmt("header says %d labels (%,d bytes)", count, count);
            return readBody(src, file, count, claim, "label");
        } catch (ZipException | EOFException e) {
            throw corruptGzip(file, e);
        }
    }

    /** Writes {@code set} as an IDX image file, gzipped when {@code gzip} (whatever the name). */
    public static void writeImages(Path file, ImageSet set, boolean gzip) throws IOException {
        try (DataOutputStream out = create(file, gzip)) {
            out.writeInt(IMAGES_MAGIC);
            out.writeInt(set.count());
            out.writeInt(set.rows());
            out.writeInt(set.cols());
            out.write(set.pixels());
        }
    }

    /** Writes {@code labels} as an IDX label file, gzipped when {@code gzip} (whatever the name). */
    public static void writeLabels(Path file, byte[] labels, boolean gzip) throws IOException {
        try (DataOutputStream out = create(file, gzip)) {
            out.writeInt(LABELS_MAGIC);
            out.writeInt(labels.length);
            out.write(labels);
        }
    }

    /** An open input and what it was opened from; closing it closes the file. */
    private record Source(InputStream in, boolean gzip, long fileSize) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static Source open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw defect(file, Files.isDirectory(file) ? "is a folder, not a file" : "file not found");
        }
        long size = Files.size(file);
        BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            if (gzip) {
                return new Source(new GZIPInputStream(raw, BUFFER), true, size);
            }
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
                throw defect(file, "named .gz but is not gzip data");
            }
            return new Source(raw, false, size);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static DataOutputStream create(Path file, boolean gzip) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        try {
            if (gzip) {
                out = new GZIPOutputStream(out, BUFFER);
            }
            return new DataOutputStream(new BufferedOutputStream(out, BUFFER));
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private static void checkMagic(Path file, byte[] header, int got, int expected, int headerSize)
            throws IdxFormatException {
        if (got == 0) {
            throw defect(file, "file is empty");
        }
        if (got >= 4) {
            int magic = ByteBuffer.wrap(header).getInt(0);
            if (magic != expected) {
                throw wrongMagic(file, header, magic, expected);
            }
        }
        if (got < headerSize) {
            throw defect(file, "truncated — the header needs %d bytes but only %d are there", headerSize, got);
        }
    }

    private static IdxFormatException wrongMagic(Path file, byte[] header, int magic, int expected) {
        String want = expected == IMAGES_MAGIC ? "2051 (IDX images)" : "2049 (IDX labels)";
        int type = header[2] & 0xFF;
        int dims = header[3] & 0xFF;
        boolean idxLike = header[0] == 0 && header[1] == 0 && typeName(type) != null && dims >= 1 && dims <= 4;
        if (!idxLike) {
            return defect(file, "expected magic %s, found 0x%08X — not an IDX file", want, magic);
        }
        if (type != UNSIGNED_BYTE) {
            return defect(
                    file,
                    "IDX data type 0x%02X (%s) is not supported; expected unsigned bytes" + " (0x08)",
                    type,
                    typeName(type));
        }
        String guess = switch (magic) {
            case LABELS_MAGIC -> "is this a label file?";
            case IMAGES_MAGIC -> "is this an image file?";
            default -> "an IDX file with " + dims + " dimensions";
        };
        return defect(file, "expected magic %s, found %d — %s", want, magic, guess);
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x08 -> "unsigned byte";
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> null;
        };
    }

    /** Reads exactly {@code bytes} bytes after the header and checks that nothing follows. */
    private static byte[] readBody(Source src, Path file, long bytes, String claim, String item) throws IOException {
        long bound = src.gzip ? src.fileSize * MAX_DEFLATE_RATIO : src.fileSize;
        if (bytes > bound) {
            throw defect(file, "truncated — %s but only %,d bytes follow", claim, countRest(src.in));
        }
        if (bytes > MAX_ARRAY) {
            throw defect(file, "%s, more than one array can hold", claim);
        }
        byte[] body = new byte[(int) bytes];
        int got = readUpTo(src.in, body);
        if (got < bytes) {
            throw defect(file, "truncated — %s but only %,d bytes follow", claim, got);
        }
        long extra = countRest(src.in);
        if (extra > 0) {
            throw defect(file, "%,d unexpected bytes after the last %s", extra, item);
        }
        return body;
    }

    /** Fills {@code buf} in bulk reads until it is full or the stream ends; returns bytes read. */
    private static int readUpTo(InputStream in, byte[] buf) throws IOException {
        int done = 0;
        while (done < buf.length) {
            int n = in.read(buf, done, buf.length - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    private static long countRest(InputStream in) throws IOException {
        byte[] scratch = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(scratch)) >= 0; ) {
            total += n;
        }
        return total;
    }

    private static IdxFormatException corruptGzip(Path file, IOException cause) {
        return new IdxFormatException(
                file, name(file) + ": corrupt or truncated gzip data (" + cause.getMessage() + ")", cause);
    }

    private static IdxFormatException defect(Path file, String problem, Object... args) {
        return new IdxFormatException(file, name(file) + ": " + fmt(problem, args));
    }

    // Locale.ROOT so that messages (and tests on them) read "47,040,000" everywhere.
    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private static String name(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    private static String stem(Path file) {
        String name = name(file);
        return name.toLowerCase(Locale.ROOT).endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }
}
