package org.pixelscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, through {@link PixelScopeCli#run(PrintWriter, PrintWriter, String...)}. */
class CliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    /** A checkpoint trained once for the class by {@code train}. */
    private static Path checkpoint;

    private static Result train;

    /** Exit code and what the command wrote. */
    record Result(int exit, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = PixelScopeCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void trainOnce() {
        checkpoint = dir.resolve("run.zip");
        train = run("train", "--limit", "100", "--epochs", "1", "--batch", "50", "--out", checkpoint.toString());
    }

    @Test
    void trainWritesACheckpoint() {
        assertThat(train.exit()).as(train.err()).isZero();
        assertThat(train.out())
                .contains("Training pixelcnn-chapter (187,905 parameters)")
                .contains("epoch 1 done: validation NLL")
                .contains("Saved " + checkpoint);
        assertThat(checkpoint).isRegularFile();
        assertThat(train.err()).isEmpty();
    }

    @Test
    void summaryOfTheChapterModel() {
        Result r = run("summary", "--model", "pixelcnn-chapter");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Total params: 187,905").contains("conv0_A");
    }

    @Test
    void summaryListsTheRegisteredModels() {
        Result r = run("summary", "--list");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("pixelcnn-chapter").contains("pixelcnn-residual");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Result r = run("summary", "--frobnicate", "--model", "pixelcnn-chapter");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--frobnicate'").contains("Usage: pixelscope summary");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMistypedOptionGetsASuggestion() {
        Result r = run("summary", "--modle", "pixelcnn-chapter");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--modle").contains("Possible solutions: --model");
    }

    @Test
    void anUnknownModelIsAUsageError() {
        Result r = run("summary", "--model", "nope");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown model 'nope'").contains("pixelcnn-chapter");
    }

    @Test
    void evalOfAFileThatIsNotACheckpoint() throws IOException {
        Path noise = dir.resolve("noise.zip");
        byte[] bytes = new byte[2048];
        new SplittableRandom(1).nextBytes(bytes);
        Files.write(noise, bytes);
        Result r = run("eval", "--checkpoint", noise.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("noise.zip").contains("not a PixelScope checkpoint");
    }

    @Test
    void evalPrintsJson() throws IOException {
        assertThat(checkpoint).isRegularFile();
        Result r = run("eval", "--checkpoint", checkpoint.toString(), "--limit", "200", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("images").asInt()).isEqualTo(200);
        assertThat(json.get("split").asText()).isEqualTo("test");
        assertThat(json.get("model").asText()).isEqualTo("pixelcnn-chapter");
        double nats = json.get("nll_nats").asDouble();
        assertThat(nats).isBetween(20.0, 784 * Math.log(2) * 2);
        assertThat(json.get("bits_per_dim").asDouble()).isCloseTo(nats / (784 * Math.log(2)), within(1e-4));
    }

    @Test
    void sampleCompletesTestImagesIntoAPng() throws IOException {
        assertThat(checkpoint).isRegularFile();
        Path png = dir.resolve("x.png");
        Result r = run(
                "sample",
                "--checkpoint",
                checkpoint.toString(),
                "--n",
                "2",
                "--out",
                png.toString(),
                "--complete-rows",
                "20");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Wrote 2 images (224 pixels each");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        // 2 images side by side, 28 x 4 screen pixels each, 2-pixel gaps
        assertThat(image.getWidth()).isEqualTo(2 * (28 * 4 + 2) + 2);
        assertThat(image.getHeight()).isEqualTo(28 * 4 + 4);
    }

    @Test
    void trainWithoutMnistNamesTheMissingFiles(@TempDir Path empty) {
        Result r = run(
                "train",
                "--data",
                empty.toString(),
                "--limit",
                "10",
                "--epochs",
                "1",
                "--out",
                empty.resolve("never.zip").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err())
                .contains("train-images-idx3-ubyte")
                .contains("train-labels-idx1-ubyte")
                .contains("t10k-images-idx3-ubyte")
                .contains("t10k-labels-idx1-ubyte");
        assertThat(empty.resolve("never.zip")).doesNotExist();
    }

    @Test
    void benchPrintsJson() throws IOException {
        Result r = run("bench", "--iterations", "1", "--warmup-seconds", "0", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("train_images_per_s").asDouble()).isPositive();
        assertThat(json.get("forward_ms_16").asDouble()).isPositive();
        assertThat(json.get("naive_sample_pixels_per_s").asDouble()).isPositive();
        assertThat(json.get("fast_sampler").asText()).isEqualTo("cached");
        assertThat(json.get("fast_sample_pixels_per_s").asDouble())
                .isEqualTo(json.get("cached_sample_pixels_per_s").asDouble())
                .isGreaterThan(json.get("naive_sample_pixels_per_s").asDouble());
        assertThat(json.get("native_library").asText()).isNotBlank();
        assertThat(json.get("parameters").asLong()).isEqualTo(187_905);
        assertThat(json.get("train_rss_growth_mb").isNumber()).isTrue();
    }
}
