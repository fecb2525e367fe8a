package org.pixelscope.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxFilesTest {

    @TempDir
    Path dir;

    private final ImageSet images = Fixtures.randomImages("digits", 10, 28, 28, 7);

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void roundTripsImagesAndLabels(boolean gzip) throws IOException {
        Path imageFile = dir.resolve(gzip ? "digits.gz" : "digits");
        Path labelFile = dir.resolve(gzip ? "labels.gz" : "labels");
        byte[] labels = Fixtures.labels(10);
        IdxFiles.writeImages(imageFile, images, gzip);
        IdxFiles.writeLabels(labelFile, labels, gzip);

        assertThat(Files.readAllBytes(imageFile)[0] == 0x1f).isEqualTo(gzip);
        assertThat(IdxFiles.readImages(imageFile)).isEqualTo(images);
        assertThat(IdxFiles.readLabels(labelFile)).isEqualTo(labels);
    }

    @Test
    void detectsGzipByContentNotName() throws IOException {
        Path file = dir.resolve("digits.idx");
        IdxFiles.writeImages(file, images, true);
        assertThat(IdxFiles.readImages(file).pixels()).isEqualTo(images.pixels());
    }

    @Test
    void labelFileReadAsImagesSaysSo() throws IOException {
        Path file = dir.resolve("train-images-idx3-ubyte.gz");
        IdxFiles.writeLabels(file, Fixtures.labels(5), true);
        assertThatThrownBy(() -> IdxFiles.readImages(file))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("train-images-idx3-ubyte.gz: expected magic 2051 (IDX images),"
                        + " found 2049 — is this a label file?");
    }

    @Test
    void imageFileReadAsLabelsSaysSo() throws IOException {
        Path file = dir.resolve("labels");
        IdxFiles.writeImages(file, images, false);
        assertThatThrownBy(() -> IdxFiles.readLabels(file))
                .hasMessageContaining("labels: expected magic 2049 (IDX labels), found 2051")
                .hasMessageContaining("image file");
    }

    @Test
    void randomBytesAreNotIdx() throws IOException {
        Path file = dir.resolve("photo.png");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
        assertThatThrownBy(() -> IdxFiles.readImages(file))
                .hasMessage("photo.png: expected magic 2051 (IDX images), found 0x89504E47 — not an IDX file");
    }

    @Test
    void floatIdxIsRejectedByType() throws IOException {
        Path file = dir.resolve("floats");
        Files.write(file, header(0x00000D03, 1, 1, 1));
        assertThatThrownBy(() -> IdxFiles.readImages(file))
                .hasMessage("floats: IDX data type 0x0D (float) is not supported; expected unsigned bytes (0x08)");
    }

    @Test
    void cutOffBodyIsTruncated() throws IOException {
        Path file = dir.resolve("train-images-idx3-ubyte");
        IdxFiles.writeImages(file, images, false);
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 100));
        assertThatThrownBy(() -> IdxFiles.readImages(file))
                .hasMessage("train-images-idx3-ubyte: truncated — header says 10 images of 28x28"
                        + " (7,840 bytes) but only 7,740 bytes follow");
    }

    @Test
    void cutOffHeaderIsTruncated() throws IOException {
        Path file = dir.resolve("images");
        IdxFiles.writeImages(file, images, false);
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 10));
        assertThatThrownBy(() -> IdxFiles.readImages(file))
                .hasMessage("images: truncated — the header needs 16 bytes but only 10 are there");
    }

    @Test
    void hugeClaimInSmallFileIsTruncatedWithoutAllocating() throws IOException {
        Path file = dir.resolve("images.gz");
        Files.write(file, gzip(header(IdxFiles.IMAGES_MAGIC, 1_000_000, 1000, 1000)));
        assertThatThrownBy(() -> IdxFiles.readImages(file))
                .hasMessageContaining("images.gz: truncated — header says 1000000 images of 1000x1000"
                        + " (1,000,000,000,000 bytes) but only 0 bytes follow");
    }

    @Test
    void trailingBytesAreAnError() throws IOException {
        Path file = dir.resolve("labels");
        IdxFiles.writeLabels(file, Fixtures.labels(5), false);
        Files.write(file, new byte[3], java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> IdxFiles.readLabels(file))
                .hasMessage("labels: 3 unexpected bytes after the last label");
    }

    @Test
    void badDimensionsAreRejected() throws IOException {
        Path negative = dir.resolve("negative");
        Files.write(negative, header(IdxFiles.IMAGES_MAGIC, -1, 28, 28));
        Path zero = dir.resolve("zero");
        Files.write(zero, header(IdxFiles.IMAGES_MAGIC, 1, 0, 28));
        Path huge = dir.resolve("huge");
        Files.write(huge, header(IdxFiles.IMAGES_MAGIC, 1, 28, 5000));
        assertThatThrownBy(() -> IdxFiles.readImages(negative)).hasMessageContaining("-1 images");
        assertThatThrownBy(() -> IdxFiles.readImages(zero)).hasMessageContaining("0x28");
        assertThatThrownBy(() -> IdxFiles.readImages(huge)).hasMessageContaining("1..4096");
    }

    @Test
    void gzNameWithRawDataIsCalledOut() throws IOException {
        Path file = dir.resolve("train-images-idx3-ubyte.gz");
        IdxFiles.writeImages(file, images, false);
        assertThatThrownBy(() -> IdxFiles.readImages(file))
                .hasMessage("train-images-idx3-ubyte.gz: named .gz but is not gzip data");
    }

    @Test
    void choppedGzipIsCorrupt() throws IOException {
        Path file = dir.resolve("t10k-images-idx3-ubyte.gz");
        IdxFiles.writeImages(file, images, true);
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 100));
        assertThatThrownBy(() -> IdxFiles.readImages(file))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageStartingWith("t10k-images-idx3-ubyte.gz: corrupt or truncated gzip data (");
    }

    @Test
    void missingAndEmptyFiles() throws IOException {
        Path missing = dir.resolve("train-labels-idx1-ubyte.gz");
        assertThatThrownBy(() -> IdxFiles.readLabels(missing))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("train-labels-idx1-ubyte.gz: file not found")
                .satisfies(e -> assertThat(((IdxFormatException) e).file()).isEqualTo(missing));
        Path empty = Files.createFile(dir.resolve("empty"));
        assertThatThrownBy(() -> IdxFiles.readLabels(empty)).hasMessage("empty: file is empty");
    }

    private static byte[] header(int magic, int count, int rows, int cols) {
        return ByteBuffer.allocate(16)
                .putInt(magic)
                .putInt(count)
                .putInt(rows)
                .putInt(cols)
                .array();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
