package org.pixelscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelscope.train.Checkpoints;

/** {@code --levels K}: training, evaluating and summarising PixelCNNs with K grey levels, and the errors. */
class CliLevelsTest {

    @TempDir
    static Path dir;

    private static Path checkpoint;
    private static CliTest.Result train;

    @BeforeAll
    static void trainOnce() {
        checkpoint = dir.resolve("k4.zip");
        train = CliTest.run(
                "train",
                "--levels",
                "4",
                "--limit",
                "100",
                "--epochs",
                "1",
                "--batch",
                "50",
                "--out",
                checkpoint.toString());
    }

    @Test
    void trainSaysWhichDiscretisationItsNllIsFor() throws Exception {
        assertThat(train.exit()).as(train.err()).isZero();
        assertThat(train.out())
                .contains("Training pixelcnn-chapter, K = 4 grey levels (188,100 parameters)")
                .containsPattern("epoch 1 done: validation NLL [0-9.]+ nats/image \\([0-9.]+ bits/dim, K = 4 grey"
                        + " levels\\)");
        assertThat(Checkpoints.load(checkpoint).model().levels()).isEqualTo(4);
    }

    @Test
    void evalReportsKBesideTheNll() throws Exception {
        CliTest.Result text = CliTest.run("eval", "--checkpoint", checkpoint.toString(), "--limit", "20");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out())
                .contains("20 images, K = 4 grey levels, level = floor(v * 4 / 256)")
                .contains("bits/dim (K = 4 grey levels)");
        CliTest.Result json = CliTest.run("eval", "--checkpoint", checkpoint.toString(), "--limit", "20", "--json");
        JsonNode node = new ObjectMapper().readTree(json.out());
        assertThat(node.get("levels").asInt()).isEqualTo(4);
        assertThat(node.get("bits_per_dim").asDouble())
                .isCloseTo(
                        node.get("nll_nats").asDouble() / (784 * Math.log(2)),
                        org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void sampleDrawsGreyLevelsIntoAGreyPng() throws Exception {
        Path png = dir.resolve("grey.png");
        CliTest.Result r = CliTest.run(
                "sample",
                "--checkpoint",
                checkpoint.toString(),
                "--n",
                "4",
                "--complete-rows",
                "14",
                "--scale",
                "1",
                "--out",
                png.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        java.util.Set<Integer> greys = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                greys.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        // K = 4: black, two greys and white, and the grid's gaps
        assertThat(greys).contains(0x000000, 0xFFFFFF, 0x606060).containsAnyOf(0x555555, 0xAAAAAA);
        assertThat(greys).isSubsetOf(0x000000, 0x555555, 0xAAAAAA, 0xFFFFFF, 0x606060);
    }

    @Test
    void summaryShowsTheKOutputs() {
        CliTest.Result r = CliTest.run("summary", "--model", "pixelcnn-gated", "--levels", "16");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("(None, 28, 28, 16)").contains("K = 16 grey levels, a 16-way softmax");
    }

    @Test
    void levelsOutsideTwoTo256AreUsageErrors() {
        for (String k : new String[] {"1", "300"}) {
            CliTest.Result r = CliTest.run(
                    "train", "--levels", k, "--out", dir.resolve("x.zip").toString());
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("--levels must be 2 to 256, got " + k);
        }
    }

    @Test
    void thePixelRnnFamiliesHaveNoGreyLevels() {
        CliTest.Result r = CliTest.run(
                "train",
                "--model",
                "pixelrnn-row-lstm",
                "--levels",
                "4",
                "--out",
                dir.resolve("x.zip").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--levels 4: grey levels are available on the PixelCNN families");
        CliTest.Result summary = CliTest.run("summary", "--model", "pixelrnn-row-lstm", "--levels", "4");
        assertThat(summary.exit()).isEqualTo(2);
    }

    @Test
    void levelsThatContradictTheResumedCheckpointAreAUsageError() {
        CliTest.Result r = CliTest.run(
                "train",
                "--resume",
                checkpoint.toString(),
                "--levels",
                "16",
                "--out",
                dir.resolve("more.zip").toString());
        assertThat(r.exit()).as(r.out()).isEqualTo(2);
        assertThat(r.err())
                .contains("--levels 16 contradicts --resume")
                .contains("which holds a model of K = 4 grey levels");
    }
}
