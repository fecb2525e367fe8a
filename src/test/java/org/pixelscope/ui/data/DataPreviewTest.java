package org.pixelscope.ui.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelscope.data.MnistData;

/** What File > Open Data shows about a data set, computed without a window. */
public class DataPreviewTest {

    @TempDir
    Path dir;

    /** A dark square on a light page, {@code w x h}. */
    public static void picture(Path file, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.fillRect(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(img, "png", file.toFile())).isTrue();
    }

    @Test
    void aLabelledFolderIsDescribedAndItsBrokenFileNamed() throws IOException {
        picture(dir.resolve("cats/a.png"), 40, 30);
        picture(dir.resolve("cats/b.png"), 28, 28);
        picture(dir.resolve("dogs/c.png"), 90, 90);
        Files.write(dir.resolve("dogs/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});

        DataPreview p = DataPreview.of(MnistData.open(dir), 28, 28);

        assertThat(p.usable()).isTrue();
        assertThat(String.join("\n", p.lines()))
                .contains("A folder of 3 pictures, converted to 28x28")
                .contains("Labels from sub-folders: cats, dogs")
                .contains("train 2 · validation 1 · test 3");
        assertThat(p.warnings()).first().asString().contains("Skipped 1 file");
        assertThat(String.join("\n", p.warnings())).contains("broken.png");
        assertThat(p.grey()).hasSize(3);
        assertThat(p.bits()).hasSize(3);
        // white ink on black: the page became background, the square ink
        int[] grey = p.grey().get(0);
        assertThat(grey[0]).isEqualTo(0xFF000000 | grey[0] & 0xFFFFFF);
        assertThat(grey[0] & 0xFF).isLessThan(30);
        assertThat(grey[14 * 28 + 14] & 0xFF).isGreaterThan(200);
        for (int[] bits : p.bits()) {
            for (int v : bits) {
                assertThat(v).isIn(0xFF000000, 0xFFFFFFFF);
            }
        }
    }

    @Test
    void shippedMnistShowsItsSplitAndTheFirstImagesAsStored() throws IOException {
        MnistData.Opened opened = MnistData.open(MnistData.defaultDir());
        DataPreview p = DataPreview.of(opened, 28, 28);

        assertThat(p.lines().get(0)).isEqualTo("MNIST IDX files, 60,000 training and 10,000 test images of 28x28");
        assertThat(String.join("\n", p.lines())).contains("train 55,000 · validation 5,000 · test 10,000");
        assertThat(p.warnings()).isEmpty();
        assertThat(p.grey()).hasSize(DataPreview.SHOWN);
        int[] first = p.grey().get(0);
        for (int i = 0; i < first.length; i++) {
            assertThat(first[i] & 0xFF).isEqualTo(opened.data().trainAll().pixel(0, i));
        }
        // binarised ink only where the stored image has ink
        int[] bits = p.bits().get(0);
        for (int i = 0; i < bits.length; i++) {
            if (opened.data().trainAll().pixel(0, i) == 0) {
                assertThat(bits[i]).isEqualTo(0xFF000000);
            }
        }
    }

    @Test
    void dataOfAnotherSizeThanTheModelCannotBeUsed() throws IOException {
        picture(dir.resolve("a.png"), 28, 28);
        picture(dir.resolve("b.png"), 28, 28);
        DataPreview p = DataPreview.of(MnistData.open(dir), 32, 32);
        assertThat(p.usable()).isFalse();
        assertThat(p.warnings()).anyMatch(w -> w.contains("28x28") && w.contains("32x32"));
        assertThat(DataPreview.of(MnistData.open(dir), 0, 0).usable())
                .as("no model loaded: nothing to mismatch")
                .isTrue();
    }
}
