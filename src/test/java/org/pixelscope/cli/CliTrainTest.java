package org.pixelscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelscope.data.IdxFiles;
import org.pixelscope.data.MnistData;
import org.pixelscope.train.Checkpoints;
import org.pixelscope.train.TrainingHistory;

/**
 * {@code train} keeps what is good: a diverging run stops with exit 1 and leaves --out alone, a
 * worse model never silently replaces a better one, and a resumed run continues the original
 * epoch sequence exactly.
 */
class CliTrainTest {

    @TempDir
    static Path dir;
    /** The chapter model after 8 steps: clearly better than an untrained one. */
    private static Path good;

    private static byte[] goodBytes;

    /** The first 500 MNIST training digits (400 train, 100 validate) and 10 test digits: quick epochs. */
    private static Path mnist;

    @BeforeAll
    static void trainAGoodModel() throws IOException {
        mnist = Files.createDirectory(dir.resolve("mnist"));
        MnistData all = MnistData.load(MnistData.defaultDir());
        IdxFiles.writeImages(
                mnist.resolve(MnistData.TRAIN_IMAGES), all.trainAll().slice(0, 500), false);
        IdxFiles.writeLabels(mnist.resolve(MnistData.TRAIN_LABELS), Arrays.copyOf(all.trainLabels(), 500), false);
        IdxFiles.writeImages(mnist.resolve(MnistData.TEST_IMAGES), all.test().slice(0, 10), false);
        IdxFiles.writeLabels(mnist.resolve(MnistData.TEST_LABELS), Arrays.copyOf(all.testLabels(), 10), false);
        good = dir.resolve("good.zip");
        CliTest.Result r = run("train", "--limit", "256", "--batch", "32", "--epochs", "1", "--out", good.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        goodBytes = Files.readAllBytes(good);
    }

    @Test
    void aDivergingResumeStopsWithExit1AndLeavesTheCheckpointAlone() throws IOException {
        Path out = Files.copy(good, dir.resolve("resumed.zip"));
        // 400 images in batches of 32: 13 steps, enough for 10 abnormal ones in a row
        CliTest.Result r = run(
                "train",
                "--resume",
                out.toString(),
                "--lr",
                "1",
                "--epochs",
                "1",
                "--batch",
                "32",
                "--out",
                out.toString());
        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.err())
                .contains("error: training diverged")
                .contains("lower the learning rate")
                .contains("nothing was saved; " + out + " is unchanged");
        assertThat(r.out()).doesNotContain("Saved");
        assertThat(Files.readAllBytes(out)).isEqualTo(goodBytes);
    }

    @Test
    void aWorseModelGoesBesideTheBetterOneUnlessForced() throws IOException {
        Path out = Files.copy(good, dir.resolve("kept.zip"));
        // an untrained model, barely moved: far worse than the 8-step one in kept.zip
        CliTest.Result r = run(
                "train", "--epochs", "1", "--limit", "64", "--batch", "32", "--lr", "1e-7", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(out + " holds a model with validation NLL");
        Path latest = dir.resolve("kept.latest.zip");
        assertThat(r.err())
                .contains("warning: epoch 1's validation NLL")
                .contains("is worse than")
                .contains("kept.zip is kept and epoch 1 is saved to " + latest);
        assertThat(Files.readAllBytes(out)).isEqualTo(goodBytes);
        assertThat(Checkpoints.load(latest).history().iterations()).isEqualTo(2);

        CliTest.Result forced = run(
                "train",
                "--epochs",
                "1",
                "--limit",
                "64",
                "--batch",
                "32",
                "--lr",
                "1e-7",
                "--out",
                out.toString(),
                "--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("Saved " + out);
        assertThat(Checkpoints.load(out).history().iterations()).isEqualTo(2);
    }

    /** With --keep-optimizer, "1 epoch, then 2 more" writes the checkpoint "3 epochs" writes. */
    @Test
    void oneEpochThenTwoMoreEqualsThreeEpochsBitForBit() throws IOException {
        Path three = dir.resolve("three.zip");
        assertThat(train(three, "--epochs", "3", "--seed", "5").exit()).isZero();

        Path resumed = dir.resolve("one-then-two.zip");
        assertThat(train(resumed, "--epochs", "1", "--seed", "5").exit()).isZero();
        // no --seed: the checkpoint's (5) carries on, not the default 42
        CliTest.Result r = train(resumed, "--epochs", "2", "--resume", resumed.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("from epoch 2").contains("seed 5");

        Checkpoints.Checkpoint a = Checkpoints.load(three);
        Checkpoints.Checkpoint b = Checkpoints.load(resumed);
        TrainingHistory ha = a.history();
        TrainingHistory hb = b.history();
        assertThat(hb.epochs()).isEqualTo(3);
        assertThat(hb.seed()).isEqualTo(5);
        assertThat(hb.losses()).containsExactlyElementsOf(ha.losses());
        assertThat(hb.validation()).containsExactlyElementsOf(ha.validation());
        assertThat(b.model().network().params().toFloatVector())
                .containsExactly(a.model().network().params().toFloatVector());
    }

    private static CliTest.Result train(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of(
                "train", "--limit", "64", "--batch", "32", "--keep-optimizer", "--force", "--out", out.toString()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    /** The command on the small MNIST. */
    private static CliTest.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", mnist.toString()));
        return CliTest.run(all.toArray(String[]::new));
    }
}
