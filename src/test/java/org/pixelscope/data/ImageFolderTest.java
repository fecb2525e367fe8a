package org.pixelscope.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Picture folders as data: sizes, colour models, polarity, labels, broken and hostile files. */
class ImageFolderTest {

    @TempDir
    Path dir;

    /** A dark vertical bar on a light page, {@code w x h}, of the given BufferedImage type. */
    private static BufferedImage penOnPaper(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.fillRect(w * 2 / 5, h / 5, Math.max(1, w / 5), h * 3 / 5);
        g.dispose();
        return img;
    }

    private Path write(String name, BufferedImage img, String format) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(img, format, file.toFile()))
                .as("ImageIO wrote " + name)
                .isTrue();
        return file;
    }

    @Test
    void picturesOfSeveralSizesAndModesBecomeMnistLikeSquares() throws IOException {
        write("a.png", penOnPaper(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png");
        write("b.png", penOnPaper(300, 120, BufferedImage.TYPE_INT_RGB), "png");
        write("c.png", penOnPaper(40, 90, BufferedImage.TYPE_INT_ARGB), "png");
        write("d.jpg", penOnPaper(64, 64, BufferedImage.TYPE_3BYTE_BGR), "jpg");
        write("e.png", penOnPaper(17, 23, BufferedImage.TYPE_USHORT_GRAY), "png");
        write("f.png", penOnPaper(50, 50, BufferedImage.TYPE_BYTE_INDEXED), "png");

        ImageFolder.Result r = ImageFolder.read(dir, 28);

        assertThat(r.skipped()).isEmpty();
        assertThat(r.images().count()).isEqualTo(6);
        assertThat(r.images().rows()).isEqualTo(28);
        assertThat(r.labelNames()).isEmpty();
        for (int i = 0; i < 6; i++) {
            // MNIST polarity: the page became a dark background, the pen a light stroke
            assertThat(r.images().pixel(i, 0)).as("corner of image %d", i).isLessThan(30);
            assertThat(r.images().pixel(i, 14 * 28 + 14))
                    .as("centre of image %d", i)
                    .isGreaterThan(150);
        }
    }

    @Test
    void theWideBarIsLetterboxedNotStretched() throws IOException {
        // a 280x28 light picture with a dark full-height bar in the middle fifth
        write("wide.png", penOnPaper(280, 28, BufferedImage.TYPE_BYTE_GRAY), "png");
        write("other.png", penOnPaper(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png");
        ImageSet s = ImageFolder.read(dir, 28).images();
        int wide = 1; // file-name order: other.png, wide.png
        // scaled by 1/10 the picture is 28x2.8 pixels tall, centred: rows far from the middle stay background
        assertThat(s.pixel(wide, 2 * 28 + 14)).isZero();
        assertThat(s.pixel(wide, 25 * 28 + 14)).isZero();
    }

    @Test
    void subFoldersAreLabelsInNameOrderAndLoosePicturesAreReported() throws IOException {
        write("3/x.png", penOnPaper(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png");
        write("7/y.png", penOnPaper(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png");
        write("7/z.png", penOnPaper(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png");
        write("loose.png", penOnPaper(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png");

        ImageFolder.Result r = ImageFolder.read(dir, 28);

        assertThat(r.labelNames()).containsExactly("3", "7");
        assertThat(r.labels()).containsExactly(0, 1, 1);
        assertThat(r.skipped()).singleElement().asString().startsWith("loose.png: no label");
    }

    @Test
    void aBrokenPictureIsSkippedAndNamedAndTheRestLoads() throws IOException {
        write("good.png", penOnPaper(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png");
        Path broken = dir.resolve("broken.png");
        byte[] png = Files.readAllBytes(dir.resolve("good.png"));
        Files.write(broken, java.util.Arrays.copyOf(png, 40)); // a PNG cut off after its header
        Files.writeString(dir.resolve("notes.jpg"), "this is text, not a JPEG");

        ImageFolder.Result r = ImageFolder.read(dir, 28);

        assertThat(r.images().count()).isEqualTo(1);
        assertThat(r.skipped()).hasSize(2);
        assertThat(r.skipped()).anySatisfy(s -> assertThat(s).startsWith("broken.png: "));
        assertThat(r.skipped()).anySatisfy(s -> assertThat(s).startsWith("notes.jpg: not a PNG or JPEG"));
    }

    @Test
    void aFolderWithNothingUsableSaysWhy() throws IOException {
        Files.writeString(dir.resolve("readme.txt"), "no pictures here");
        assertThatThrownBy(() -> ImageFolder.read(dir, 28))
                .isInstanceOf(ImageFileException.class)
                .hasMessageContaining("no PNG or JPEG pictures");
        Files.writeString(dir.resolve("fake.png"), "not a picture");
        assertThatThrownBy(() -> ImageFolder.read(dir, 28))
                .isInstanceOf(ImageFileException.class)
                .hasMessageContaining("none of its 1 pictures could be read")
                .hasMessageContaining("fake.png");
    }

    @Test
    void aHugePictureIsRefusedFromItsHeaderBeforeDecoding() throws IOException {
        // 1 x 20,000 pixels: a few hundred bytes on disk, refused by its declared size
        write("tall.png", new BufferedImage(1, 20_000, BufferedImage.TYPE_BYTE_BINARY), "png");
        write("ok.png", penOnPaper(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png");
        ImageFolder.Result r = ImageFolder.read(dir, 28);
        assertThat(r.images().count()).isEqualTo(1);
        assertThat(r.skipped()).singleElement().asString().contains("tall.png: 1x20000 pixels");
    }

    @Test
    void mnistDataReadsAPictureFolderAndHoldsOutATenthForValidation() throws IOException {
        for (int i = 0; i < 20; i++) {
            write(String.format("%02d.png", i), penOnPaper(20 + i, 28, BufferedImage.TYPE_BYTE_GRAY), "png");
        }
        MnistData data = MnistData.load(dir);
        assertThat(data.trainAll().count()).isEqualTo(20);
        assertThat(data.validationSize()).isEqualTo(2);
        assertThat(data.train().count()).isEqualTo(18);
        assertThat(data.test().count()).as("eval uses every picture").isEqualTo(20);
        assertThat(data.splitLine()).isEqualTo("train 18 · validation 2 · test 20");
    }

    @Test
    void aFolderSortedByLabelValidatesOnEveryLabel() throws IOException {
        for (int label = 0; label < 4; label++) {
            for (int i = 0; i < 10; i++) {
                write(
                        label + "/" + i + ".png",
                        penOnPaper(20 + 3 * i + label, 28, BufferedImage.TYPE_BYTE_GRAY),
                        "png");
            }
        }
        MnistData data = MnistData.load(dir);
        assertThat(data.validationSize()).isEqualTo(4);
        byte[] labels = data.trainLabels();
        java.util.Set<Integer> validated = new java.util.TreeSet<>();
        for (int i = data.train().count(); i < labels.length; i++) {
            validated.add((int) labels[i]);
        }
        assertThat(validated)
                .as("labels held out (the last tenth in file order would hold out label 3 only)")
                .containsExactly(0, 1, 2, 3);
        // the pool is a permutation: the same pictures as the test set, none lost or repeated
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        int n = data.test().pixelsPerImage();
        for (int i = 0; i < 40; i++) {
            counts.merge(
                    java.util.Arrays.toString(
                            java.util.Arrays.copyOfRange(data.test().pixels(), i * n, (i + 1) * n)),
                    1,
                    Integer::sum);
            counts.merge(
                    java.util.Arrays.toString(
                            java.util.Arrays.copyOfRange(data.trainAll().pixels(), i * n, (i + 1) * n)),
                    -1,
                    Integer::sum);
        }
        assertThat(counts.values()).containsOnly(0);
        assertThat(data.testLabels()[9]).as("the test set keeps file order").isZero();
        assertThat(data.testLabels()[10]).isEqualTo((byte) 1);
    }

    @Test
    void oneUsablePictureIsNotEnoughToTrain() throws IOException {
        write("only.png", penOnPaper(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png");
        assertThatThrownBy(() -> MnistData.load(dir))
                .isInstanceOf(ImageFileException.class)
                .hasMessageContaining("at least 2");
    }
}
