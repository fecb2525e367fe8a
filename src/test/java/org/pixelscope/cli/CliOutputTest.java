package org.pixelscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelscope.data.IdxFiles;
import org.pixelscope.data.ImageSet;
import org.pixelscope.data.MnistData;
import org.pixelscope.data.OutputLock;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.train.Checkpoints;
import org.pixelscope.train.TrainingHistory;

/**
 * Files a command cannot use are found before the work starts and named with the reason: an
 * unusable --out, an output another run holds, data files with too few images.
 */
class CliOutputTest {

    @TempDir
    static Path dir;
    /** An untrained chapter model: enough to evaluate and sample. */
    private static Path checkpoint;

    @BeforeAll
    static void saveACheckpoint() throws IOException {
        checkpoint = dir.resolve("untrained.zip");
        Checkpoints.save(
                checkpoint,
                NetworkBuilder.build(ModelSpecs.require("pixelcnn-chapter"), 1, 1e-3),
                TrainingHistory.empty(1),
                false);
    }

    @Test
    void aFolderAsOutIsRefusedBeforeTraining(@TempDir Path folder) {
        CliTest.Result r = CliTest.run("train", "--limit", "64", "--epochs", "1", "--out", folder.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(folder.toString()).contains("is a folder");
        assertThat(r.out()).doesNotContain("Training");
    }

    @Test
    void anOutUnderAPlainFileIsRefusedBeforeTraining() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "not a folder");
        Path out = plain.resolve("sub").resolve("run.zip");
        CliTest.Result r = CliTest.run("train", "--limit", "64", "--epochs", "1", "--out", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(plain + " is a file, not a folder");
        assertThat(r.out()).doesNotContain("Training");
    }

    @Test
    void anOutputAnotherRunHoldsIsRefused() throws IOException {
        Path out = dir.resolve("busy.zip");
        try (OutputLock other = OutputLock.claim(out)) {
            CliTest.Result r = CliTest.run("train", "--limit", "64", "--epochs", "1", "--out", out.toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains(out + " is being written by another PixelScope run");
            assertThat(r.out()).doesNotContain("Training");
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void aPngOutThatIsNoRegularFileIsRefusedBeforeSampling() throws IOException {
        // a dangling link stands in for a device such as /dev/full: replacing either with a PNG
        // (the atomic save moves a new file over the name) would be wrong
        Path link = Files.createSymbolicLink(dir.resolve("dangling.png"), dir.resolve("nowhere/x.png"));
        CliTest.Result r =
                CliTest.run("sample", "--checkpoint", checkpoint.toString(), "--n", "1", "--out", link.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(link.toString()).contains("is not a regular file");
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void aFailedPngWriteNamesThePathAndTheCause() {
        Path png = dir.resolve("grid.png");
        IOException e = OutputFiles.writeFailed(
                png, new IIOException("I/O error writing PNG file!", new IOException("No space left on device")));
        assertThat(e).hasMessage("could not write " + png + ": I/O error writing PNG file! (No space left on device)");
    }

    @Test
    void aCheckpointTooBigForTheDiskIsRefused() {
        assertThatThrownBy(() -> OutputFiles.checkSpace(dir.resolve("run.zip"), Long.MAX_VALUE / 2, "a checkpoint"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("a checkpoint needs about")
                .hasMessageContaining(dir + " has only");
    }

    @Test
    void evalOnIdxFilesWithoutTestImagesNamesTheFile(@TempDir Path mnist) throws IOException {
        writeMnist(mnist, 50, 0);
        CliTest.Result r = CliTest.run("eval", "--checkpoint", checkpoint.toString(), "--data", mnist.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err())
                .contains("no images to evaluate")
                .contains(mnist.resolve(MnistData.TEST_IMAGES + ".gz").toString());
    }

    @Test
    void completionWithMoreImagesThanTheTestFileHoldsIsAUsageError(@TempDir Path mnist) throws IOException {
        writeMnist(mnist, 50, 3);
        CliTest.Result r = CliTest.run(
                "sample",
                "--checkpoint",
                checkpoint.toString(),
                "--data",
                mnist.toString(),
                "--n",
                "4",
                "--complete-rows",
                "5",
                "--out",
                dir.resolve("never.png").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("--n 4 with --complete-rows needs 4 test images")
                .contains(mnist.resolve(MnistData.TEST_IMAGES + ".gz") + " holds 3");
    }

    private static void writeMnist(Path folder, int train, int test) throws IOException {
        IdxFiles.writeImages(folder.resolve(MnistData.TRAIN_IMAGES + ".gz"), blank("train", train), true);
        IdxFiles.writeLabels(folder.resolve(MnistData.TRAIN_LABELS + ".gz"), new byte[train], true);
        IdxFiles.writeImages(folder.resolve(MnistData.TEST_IMAGES + ".gz"), blank("test", test), true);
        IdxFiles.writeLabels(folder.resolve(MnistData.TEST_LABELS + ".gz"), new byte[test], true);
    }

    private static ImageSet blank(String name, int count) {
        return new ImageSet(name, count, 28, 28, new byte[count * 28 * 28]);
    }
}
