package org.pixelscope.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDataTest {

    /** One load of the shipped files (~1 s) shared by the tests that need it. */
    private static final class Shipped {
        static final MnistData DATA = load();

        private static MnistData load() {
            try {
                return MnistData.load(Path.of("assets", "mnist"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @TempDir
    Path dir;

    @Test
    void shippedMnistHasTheStandardSplit() {
        MnistData mnist = Shipped.DATA;
        assertThat(mnist.trainAll().count()).isEqualTo(60_000);
        assertThat(mnist.train().count()).isEqualTo(55_000);
        assertThat(mnist.train().name()).isEqualTo("train[0:55000]");
        assertThat(mnist.validation().count()).isEqualTo(5_000);
        assertThat(mnist.validation().name()).isEqualTo("train[55000:60000]");
        assertThat(mnist.test().count()).isEqualTo(10_000);
        assertThat(mnist.test().rows()).isEqualTo(28);
        assertThat(mnist.test().cols()).isEqualTo(28);
        assertThat(mnist.trainAll().rows()).isEqualTo(28);
    }

    @Test
    void shippedMnistHasTheKnownLabels() {
        MnistData mnist = Shipped.DATA;
        assertThat(mnist.testLabels()[0]).isEqualTo((byte) 7);
        assertThat(mnist.trainLabels()[0]).isEqualTo((byte) 5);
        assertThat(mnist.trainLabels()).hasSize(60_000);
        assertThat(mnist.testLabels()).hasSize(10_000);
    }

    @Test
    void validationFollowsTrainWithoutOverlap() {
        MnistData mnist = Shipped.DATA;
        ImageSet validation = mnist.validation();
        int pixels = validation.pixelsPerImage();
        for (int index = 0; index < pixels; index++) {
            assertThat(validation.pixel(0, index)).isEqualTo(mnist.trainAll().pixel(55_000, index));
        }
    }

    @Test
    void defaultDirFindsTheShippedFiles() {
        assertThat(Files.isDirectory(MnistData.defaultDir())).isTrue();
        assertThat(MnistData.defaultDir().resolve(MnistData.TRAIN_IMAGES + ".gz"))
                .exists();
    }

    @Test
    void tinyFixtureHoldsOutTwentyPercent() throws IOException {
        Fixtures.writeMnist(dir, 10, 10, 4, false);
        MnistData tiny = MnistData.load(dir);
        assertThat(tiny.validationSize()).isEqualTo(2);
        assertThat(tiny.train().count()).isEqualTo(8);
        assertThat(tiny.validation().count()).isEqualTo(2);
        assertThat(tiny.source()).isEqualTo(dir);
    }

    @Test
    void prefersGzipWhenBothExist() throws IOException {
        Fixtures.writeMnist(dir, 10, 10, 4, false);
        Fixtures.writeMnist(dir, 6, 6, 3, true);
        MnistData mnist = MnistData.load(dir);
        assertThat(mnist.trainAll().count()).isEqualTo(6);
        assertThat(mnist.test().count()).isEqualTo(3);
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Fixtures.writeMnist(dir, 1200, 1199, 4, true);
        assertThatThrownBy(() -> MnistData.load(dir))
                .isInstanceOf(IdxFormatException.class)
                .hasMessage("train-labels-idx1-ubyte.gz has 1,199 labels but"
                        + " train-images-idx3-ubyte.gz has 1,200 images");
    }

    @Test
    void missingFilesAreListedWithTheFolder() throws IOException {
        Fixtures.writeMnist(dir, 10, 10, 4, true);
        Files.delete(dir.resolve(MnistData.TEST_LABELS + ".gz"));
        Files.delete(dir.resolve(MnistData.TRAIN_IMAGES + ".gz"));
        assertThatThrownBy(() -> MnistData.load(dir))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("train-images-idx3-ubyte.gz")
                .hasMessageContaining("t10k-labels-idx1-ubyte.gz")
                .hasMessageNotContaining("train-labels")
                .hasMessageContaining(dir.toAbsolutePath().normalize().toString());
    }
}
