package org.pixelscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelscope.data.MnistData;
import org.pixelscope.inspect.SummaryMarkdown;
import org.pixelscope.train.Checkpoints;
import org.pixelscope.train.HistoryCsv;
import org.pixelscope.train.ImageLikelihoods;

/** The exports through the command line, on the shipped checkpoint, read back. */
class CliExportTest {

    private static final Path SHIPPED = org.pixelscope.data.Assets.find("models/pixelcnn-chapter.zip");

    @TempDir
    Path dir;

    @Test
    void summaryWritesTheMarkdownTableAndTheHistoryCsv() throws IOException {
        Path md = dir.resolve("s.md");
        Path csv = dir.resolve("h.csv");
        CliTest.Result r = CliTest.run(
                "summary",
                "--checkpoint",
                SHIPPED.toString(),
                "--markdown",
                md.toString(),
                "--history-csv",
                csv.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readAllLines(md)).contains(SummaryMarkdown.HEADER, "- Total parameters: 187,905");
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo(HistoryCsv.HEADER);
        int steps = Checkpoints.load(SHIPPED).history().iterations();
        assertThat(rows).hasSize(steps + 1);
        assertThat(rows.stream().filter(l -> !l.endsWith(",,")).count())
                .as("rows with a validation NLL")
                .isEqualTo(1 + Checkpoints.load(SHIPPED).history().validation().size());
    }

    @Test
    void historyCsvOfARegisteredModelIsABadArgument() {
        CliTest.Result r = CliTest.run(
                "summary",
                "--model",
                "pixelcnn-chapter",
                "--history-csv",
                dir.resolve("x.csv").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--history-csv needs --checkpoint");
        assertThat(dir.resolve("x.csv")).doesNotExist();
    }

    @Test
    void evalWritesEachImagesNllWithItsLabelAndTheyAverageToTheReportedNll() throws IOException {
        Path csv = dir.resolve("l.csv");
        CliTest.Result r = CliTest.run(
                "eval", "--checkpoint", SHIPPED.toString(), "--limit", "20", "--json", "--csv", csv.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo(ImageLikelihoods.HEADER);
        assertThat(rows).hasSize(21);
        byte[] labels = MnistData.load(MnistData.defaultDir()).testLabels();
        double sum = 0;
        for (int i = 0; i < 20; i++) {
            String[] f = rows.get(i + 1).split(",");
            assertThat(Integer.parseInt(f[1])).isEqualTo(labels[i]);
            sum += Double.parseDouble(f[2]);
        }
        double reported = Double.parseDouble(r.out().replaceAll(".*\"nll_nats\": ([0-9.]+).*\\s*", "$1"));
        assertThat(sum / 20).isCloseTo(reported, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void dataOfAnotherImageSizeIsRefusedWithBothSizes() throws IOException {
        byte[] pixels = new byte[20 * 14 * 14];
        org.pixelscope.data.ImageSet small = new org.pixelscope.data.ImageSet("x", 20, 14, 14, pixels);
        byte[] labels = new byte[20];
        org.pixelscope.data.IdxFiles.writeImages(dir.resolve(MnistData.TRAIN_IMAGES), small, false);
        org.pixelscope.data.IdxFiles.writeLabels(dir.resolve(MnistData.TRAIN_LABELS), labels, false);
        org.pixelscope.data.IdxFiles.writeImages(dir.resolve(MnistData.TEST_IMAGES), small, false);
        org.pixelscope.data.IdxFiles.writeLabels(dir.resolve(MnistData.TEST_LABELS), labels, false);
        CliTest.Result r = CliTest.run("eval", "--checkpoint", SHIPPED.toString(), "--data", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("holds 14x14 images, but pixelcnn-chapter draws 28x28 images");
    }
}
