package org.pixelscope.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.pixelscope.data.GreyLevels;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;

/** Training a PixelCNN on MNIST quantised to K grey levels, and keeping K through a checkpoint. */
class GreyLevelsTrainingTest {

    private static final PixelCnnSpec SMALL =
            new PixelCnnSpec("pixelcnn-small", "test model", 28, 28, 8, 7, 1, 3, false).withLevels(4);

    @TempDir
    Path dir;

    @Test
    void aQuantisedRunLowersTheValidationNllAndItsCheckpointKeepsK() throws Exception {
        MnistData mnist = MnistData.load(MnistData.defaultDir());
        TrainingConfig config =
                TrainingConfig.defaults().withLimit(200).withEpochs(1).withBatchSize(32);
        PixelModel model = NetworkBuilder.build(SMALL, config.seed(), 3e-3);
        TrainingData data = MnistTraining.of(mnist, config, new GreyLevels(4));
        assertThat(data.description()).contains("K = 4 grey levels");
        Metrics.Nll before = Metrics.evaluate(model, data.validation());
        // a fresh softmax is about uniform: ln 4 nats per pixel
        assertThat(before.nats() / 784).isBetween(0.8 * Math.log(4), 1.2 * Math.log(4));
        List<TrainingEvent> events = new ArrayList<>();
        TrainingEvent.Finished end = new Trainer(
                        model, config, data, new TrainingLog(TrainingHistory.empty(config.seed())), events::add)
                .run();
        assertThat(end.outcome()).isEqualTo(TrainingEvent.Outcome.COMPLETED);
        Metrics.Nll after = events.stream()
                .filter(TrainingEvent.EpochEnd.class::isInstance)
                .map(e -> ((TrainingEvent.EpochEnd) e).validation())
                .findFirst()
                .orElseThrow();
        assertThat(after.nats()).isLessThan(before.nats() - 50);
        assertThat(after.bitsPerDim()).isEqualTo(after.nats() / (784 * Math.log(2)));

        Path file = dir.resolve("k4.zip");
        Checkpoints.save(file, model, TrainingHistory.empty(config.seed()), false);
        PixelModel loaded = Checkpoints.load(file).model();
        assertThat(loaded.levels()).isEqualTo(4);
        assertThat(loaded.spec()).isEqualTo(SMALL);
        DataSet batch =
                MnistTraining.evaluation(mnist.test(), 8, new GreyLevels(4)).next();
        INDArray x = batch.getFeatures();
        assertThat(loaded.probabilities(x).data().asFloat())
                .isEqualTo(model.probabilities(x).data().asFloat());
        assertThat(Metrics.evaluate(loaded, MnistTraining.evaluation(mnist.test(), 50, new GreyLevels(4)))
                        .nats())
                .isLessThan(before.nats());
    }
}
