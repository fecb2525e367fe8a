package org.pixelscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.Causality;
import org.pixelscope.model.PixelModel;

/**
 * The catalog of shipped checkpoints: what the app lists and opens first. Every entry must load
 * as the model it names, pass the causality check, and score on the first test images close to
 * the full-test-set NLL the catalog states. The first 300 test images score 2.4-3.7 nats below the
 * full 10,000 for every shipped model (measured with {@code eval --limit 300}), so ten nats is room,
 * and the subset keeps this test to a few minutes on one thread.
 */
class ShippedModelsTest {

    @TempDir
    Path dir;

    @Test
    void everyShippedCheckpointIsTheModelItNamesAndScoresAsListed() throws Exception {
        List<ShippedModels.Shipped> all = ShippedModels.all();
        assertThat(all).extracting(ShippedModels.Shipped::model).contains("pixelcnn-chapter");
        MnistData mnist = MnistData.load(MnistData.defaultDir());
        for (ShippedModels.Shipped s : all) {
            try (PixelModel model = Checkpoints.load(s.path()).model()) {
                assertThat(model.spec().name()).as(s.path().toString()).isEqualTo(s.model());
                assertThat(model.levels()).as("%s's grey levels", s.path()).isEqualTo(s.levels());
                // a conditional model under one label: the mixture costs ten passes per check, and
                // ConditionalGatedPixelCnnTest checks every label and the mixture on a small model
                Causality.assertAutoregressive(model.conditional() ? model.given(7) : model, 1);
                double nats;
                if (model.conditional()) {
                    // the catalog's figure is the NLL with the label unknown, and its accuracy Bayes' rule's
                    Classification.Result c = Classification.evaluate(
                            model, MnistTraining.evaluation(mnist.test(), mnist.testLabels(), 200));
                    nats = c.marginalNats();
                    assertThat(c.accuracy())
                            .as("%s's accuracy on the first 200 test images", s.model())
                            .isBetween(s.accuracy() - 0.05, s.accuracy() + 0.05);
                } else {
                    assertThat(s.accuracy())
                            .as("an unconditional model classifies nothing")
                            .isNaN();
                    // a grey-level model reads the test images quantised to its K levels
                    nats = Metrics.evaluate(
                                    model,
                                    MnistTraining.evaluation(
                                            mnist.test(), 300, new org.pixelscope.data.GreyLevels(model.levels())))
                            .nats();
                }
                assertThat(nats)
                        .as("%s on the first test images", s.model())
                        .isBetween(s.testNll() - 10, s.testNll() + 10);
            }
        }
        assertThat(ShippedModels.best()).isPresent();
        assertThat(ShippedModels.best().get().testNll())
                .isEqualTo(all.stream()
                        .filter(ShippedModels.Shipped::binary)
                        .mapToDouble(ShippedModels.Shipped::testNll)
                        .min()
                        .orElseThrow());
        assertThat(ShippedModels.isShipped(all.get(0).path())).isTrue();
        assertThat(ShippedModels.isShipped(dir.resolve("elsewhere.zip"))).isFalse();
    }

    @Test
    void entriesAreOrderedByFamilyAndMissingFilesAreLeftOut() throws Exception {
        Files.writeString(dir.resolve("a.zip"), "x");
        Files.writeString(dir.resolve("b.zip"), "x");
        Files.writeString(dir.resolve("c.zip"), "x");
        Path catalog = write("""
                {"models": [
                  {"file": "b.zip", "model": "pixelcnn-gated", "test_nll_nats": 88.5, "epochs": 4},
                  {"file": "c.zip", "model": "pixelcnn-gated-conditional", "test_nll_nats": 88.25, "epochs": 2,
                   "test_accuracy": 0.9712},
                  {"file": "gone.zip", "model": "pixelrnn-row-lstm", "test_nll_nats": 80, "epochs": 4},
                  {"file": "d.zip", "model": "pixelcnn-gated", "test_nll_nats": 60.5, "epochs": 2, "levels": 4},
                  {"file": "a.zip", "model": "pixelcnn-chapter", "test_nll_nats": 91.7, "epochs": 9}
                ]}""");
        Files.writeString(dir.resolve("d.zip"), "x");
        List<ShippedModels.Shipped> read = ShippedModels.read(catalog);
        assertThat(read)
                .extracting(ShippedModels.Shipped::model)
                .containsExactly("pixelcnn-chapter", "pixelcnn-gated", "pixelcnn-gated", "pixelcnn-gated-conditional");
        assertThat(read.get(3).label()).isEqualTo("pixelcnn-gated-conditional · 88.25 nats · 97.1% digits right");
        assertThat(read.get(2).label()).isEqualTo("pixelcnn-gated · 4 grey levels · 60.50 nats");
        assertThat(read.get(2).binary()).isFalse();
        assertThat(read.get(1).binary()).isTrue();
        assertThat(read.get(1).path()).isEqualTo(dir.resolve("b.zip"));
        assertThat(read.get(1).label()).isEqualTo("pixelcnn-gated · 88.50 nats");
        assertThat(read.get(0).bitsPerDim(784))
                .isCloseTo(91.7 / (784 * Math.log(2)), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aCatalogThatPointsOutOfItsFolderOrNamesUnknownModelsIsRefused() throws Exception {
        assertRefused("""
                {"models": [{"file": "../secret.zip", "model": "pixelcnn-chapter", "test_nll_nats": 90, "epochs": 1}]}""", "not a checkpoint file name");
        assertRefused("""
                {"models": [{"file": "a.zip", "model": "com.evil.Payload", "test_nll_nats": 90, "epochs": 1}]}""", "not one PixelScope knows");
        assertRefused("""
                {"models": [{"file": "a.zip", "model": "pixelcnn-chapter", "test_nll_nats": "NaN", "epochs": 1}]}""", "positive test_nll_nats");
        assertRefused("""
                {"models": [{"file": "a.zip", "model": "pixelcnn-chapter", "test_nll_nats": 90, "epochs": 1,
                 "test_accuracy": 97}]}""", "test_accuracy outside 0-1");
        assertRefused("""
                {"models": [{"file": "a.zip", "model": "pixelcnn-chapter", "test_nll_nats": 90, "epochs": 1,
                 "levels": 1}]}""", "levels 1, outside 2-256");
        assertRefused("""
                {"models": [{"file": "a.zip", "model": "pixelcnn-chapter", "test_nll_nats": 90, "epochs": 1,
                 "levels": "four"}]}""", "not a whole number");
        assertRefused("""
                {"models": [{"file": "a.zip", "model": "pixelcnn-chapter", "test_nll_nats": 90, "epochs": 1,
                 "levels": 4.7}]}""", "not a whole number");
        assertRefused("{\"nothing\": 1}", "no \"models\" list");
        assertRefused("{\"models\": [" + "{},".repeat(ShippedModels.MAX_ENTRIES) + "{}]}", "more than");
        assertRefused(" ".repeat(ShippedModels.MAX_BYTES + 1), "the model catalog");
    }

    private void assertRefused(String json, String message) throws IOException {
        Path catalog = write(json);
        assertThatThrownBy(() -> ShippedModels.read(catalog))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(message);
    }

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("catalog.json"), json);
    }
}
