package org.pixelscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelscope.data.BinarizedIterator;
import org.pixelscope.data.ImageSet;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;

/** The CSV exports parsed back: training history and per-image likelihoods. */
class ExportsTest {

    @TempDir
    Path dir;

    @Test
    void historyCsvParsesBackToTheHistory() throws IOException {
        TrainingHistory h = new TrainingHistory(
                2,
                4,
                42,
                "test",
                List.of(
                        new TrainingHistory.LossPoint(1, 1, 540.5), new TrainingHistory.LossPoint(2, 1, 300.25),
                        new TrainingHistory.LossPoint(3, 2, 200.125), new TrainingHistory.LossPoint(4, 2, 150.0625)),
                List.of(
                        new TrainingHistory.EpochPoint(1, 2, 290.0, 0.53),
                        new TrainingHistory.EpochPoint(2, 4, 140.0, 0.26)));
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY); // a decimal comma must not leak into the file
        try {
            HistoryCsv.write(dir.resolve("h.csv"), h, 784);
        } finally {
            Locale.setDefault(before);
        }
        List<String> lines = Files.readAllLines(dir.resolve("h.csv"));
        assertThat(lines.get(0)).isEqualTo(HistoryCsv.HEADER);
        assertThat(lines).hasSize(5);
        for (int i = 0; i < 4; i++) {
            String[] f = lines.get(i + 1).split(",", -1);
            assertThat(f).hasSize(6);
            TrainingHistory.LossPoint p = h.losses().get(i);
            assertThat(Integer.parseInt(f[0])).isEqualTo(p.iteration());
            assertThat(Integer.parseInt(f[1])).isEqualTo(p.epoch());
            assertThat(Double.parseDouble(f[2])).isCloseTo(p.nats(), within(1e-3));
            assertThat(Double.parseDouble(f[3])).isCloseTo(p.nats() / (784 * Math.log(2)), within(1e-6));
        }
        assertThat(lines.get(1).split(",", -1)[4]).isEmpty();
        assertThat(Double.parseDouble(lines.get(2).split(",", -1)[4])).isEqualTo(290.0);
        assertThat(Double.parseDouble(lines.get(4).split(",", -1)[5])).isEqualTo(0.26);
    }

    @Test
    void likelihoodCsvHoldsEachImagesNllAndTheyAverageToTheMetric() throws IOException {
        PixelCnnSpec tiny = new PixelCnnSpec("pixelcnn-tiny", "test", 8, 8, 4, 3, 1, 3, false);
        PixelModel model = NetworkBuilder.build(tiny, 3, 1e-3);
        byte[] pixels = new byte[5 * 64];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 37 % 256);
        }
        ImageSet set = new ImageSet("five", 5, 8, 8, pixels);
        double[] nats = ImageLikelihoods.nats(model, BinarizedIterator.evaluation(set, 2));
        Metrics.Nll mean = Metrics.evaluate(model, BinarizedIterator.evaluation(set, 2));
        assertThat(nats).hasSize(5);
        assertThat(Arrays.stream(nats).average().orElseThrow()).isCloseTo(mean.nats(), within(1e-3));
        assertThat(Arrays.stream(nats).distinct().count())
                .as("images differ, so do their NLLs")
                .isGreaterThan(1);

        byte[] labels = {3, 1, 4, 1, 5};
        ImageLikelihoods.write(dir.resolve("l.csv"), nats, labels, 64);
        List<String> lines = Files.readAllLines(dir.resolve("l.csv"));
        assertThat(lines.get(0)).isEqualTo(ImageLikelihoods.HEADER);
        for (int i = 0; i < 5; i++) {
            String[] f = lines.get(i + 1).split(",");
            assertThat(Integer.parseInt(f[0])).isEqualTo(i);
            assertThat(Integer.parseInt(f[1])).isEqualTo(labels[i]);
            assertThat(Double.parseDouble(f[2])).isCloseTo(nats[i], within(1e-3 * nats[i]));
        }
    }
}
