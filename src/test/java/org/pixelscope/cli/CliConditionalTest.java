package org.pixelscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelscope.cli.CliTest.Result;
import org.pixelscope.data.Assets;

/** {@code train}, {@code sample --digit} and {@code eval --classify} on the class-conditional Gated PixelCNN. */
class CliConditionalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path UNCONDITIONAL = Assets.find("models/pixelcnn-chapter.zip");

    @TempDir
    static Path dir;

    private static Path checkpoint;
    private static Result train;

    @BeforeAll
    static void trainOnce() {
        checkpoint = dir.resolve("conditional.zip");
        train = CliTest.run(
                "train",
                "--model",
                "pixelcnn-gated-conditional",
                "--limit",
                "64",
                "--epochs",
                "1",
                "--batch",
                "32",
                "--out",
                checkpoint.toString());
    }

    @Test
    void trainsTheConditionalModel() {
        assertThat(train.exit()).as(train.err()).isZero();
        assertThat(train.out()).contains("Training pixelcnn-gated-conditional").contains("Saved " + checkpoint);
    }

    @Test
    void summaryShowsTheLabelInput() {
        Result r = CliTest.run("summary", "--model", "pixelcnn-gated-conditional");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("label").contains("gated1_in");
    }

    @Test
    void sampleDrawsOneRowPerDigit() throws IOException {
        Path png = dir.resolve("digits.png");
        Result r = CliTest.run(
                "sample", "--checkpoint", checkpoint.toString(), "--digit", "3,5", "--n", "2", "--out", png.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Wrote 4 images").contains("one row per digit: [3, 5]");
        BufferedImage image = ImageIO.read(png.toFile());
        // two rows (digits) of two images, 28 x 4 screen pixels each, 2-pixel gaps
        assertThat(image.getWidth()).isEqualTo(2 * (28 * 4 + 2) + 2);
        assertThat(image.getHeight()).isEqualTo(2 * (28 * 4 + 2) + 2);
    }

    @Test
    void aDigitOutsideTheClassesIsAUsageError() {
        Result r = CliTest.run(
                "sample",
                "--checkpoint",
                checkpoint.toString(),
                "--digit",
                "12",
                "--out",
                dir.resolve("no.png").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--digit: digit 12 is outside 0-9");
        Result malformed = CliTest.run(
                "sample",
                "--checkpoint",
                checkpoint.toString(),
                "--digit",
                "seven",
                "--out",
                dir.resolve("no.png").toString());
        assertThat(malformed.exit()).isEqualTo(2);
        assertThat(malformed.err()).contains("'seven' is not a digit, a range like 0-9 or a list like 3,5");
        Result tooMany = CliTest.run(
                "sample",
                "--checkpoint",
                checkpoint.toString(),
                "--digit",
                "0-9",
                "--n",
                "7",
                "--out",
                dir.resolve("no.png").toString());
        assertThat(tooMany.exit()).isEqualTo(2);
        assertThat(tooMany.err()).contains("at most 64: use --n 6 or fewer");
    }

    @Test
    void aDigitForAnUnconditionalModelIsAUsageError() {
        Result r = CliTest.run(
                "sample",
                "--checkpoint",
                UNCONDITIONAL.toString(),
                "--digit",
                "7",
                "--out",
                dir.resolve("no.png").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--digit: pixelcnn-chapter is not class-conditional");
    }

    @Test
    void evalClassifiesAndNamesBothNlls() throws IOException {
        Result r = CliTest.run("eval", "--checkpoint", checkpoint.toString(), "--classify", "--limit", "20", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("images").intValue()).isEqualTo(20);
        assertThat(j.get("accuracy").doubleValue()).isBetween(0.0, 1.0);
        assertThat(j.get("correct").intValue()).isBetween(0, 20);
        assertThat(j.get("nll_true_label_nats").doubleValue())
                .isEqualTo(j.get("nll_nats").doubleValue());
        assertThat(j.get("nll_marginal_nats").doubleValue())
                .isLessThanOrEqualTo(j.get("nll_true_label_nats").doubleValue() + Math.log(10));
        assertThat(j.get("prior").textValue()).isEqualTo("uniform");
        Result text = CliTest.run("eval", "--checkpoint", checkpoint.toString(), "--classify", "--limit", "10");
        assertThat(text.out())
                .contains("given each image's own label")
                .contains("accuracy")
                .contains("NLL with the label unknown");
    }

    @Test
    void classifyingWithAnUnconditionalModelIsAUsageError() {
        Result r = CliTest.run("eval", "--checkpoint", UNCONDITIONAL.toString(), "--classify", "--limit", "10");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--classify: pixelcnn-chapter is not class-conditional");
    }

    @Test
    void startsFromThePretrainedGatedModel() {
        Path out = dir.resolve("warm.zip");
        Result r = CliTest.run(
                "train",
                "--model",
                "pixelcnn-gated-conditional",
                "--init-from",
                Assets.find("models/pixelcnn-gated.zip").toString(),
                "--limit",
                "32",
                "--epochs",
                "1",
                "--batch",
                "32",
                "--out",
                out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("(pixelcnn-gated): copied 46 parameter arrays")
                .contains("starting at zero, as the source has no such array: gated1_Lv")
                .contains("Saved " + out);
    }

    @Test
    void initFromAModelWithNoSharedLayerIsAUsageError() {
        Result r = CliTest.run(
                "train",
                "--model",
                "pixelcnn-gated-conditional",
                "--init-from",
                UNCONDITIONAL.toString(),
                "--limit",
                "32",
                "--out",
                dir.resolve("never.zip").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("pixelcnn-chapter and pixelcnn-gated-conditional share no parameter array");
        Result both = CliTest.run(
                "train",
                "--init-from",
                UNCONDITIONAL.toString(),
                "--resume",
                UNCONDITIONAL.toString(),
                "--out",
                dir.resolve("never.zip").toString());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("give one of them");
    }
}
