package org.pixelscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.GatedPixelCnnLayer;
import org.pixelscope.model.GatedPixelCnnSpec;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.TestImages;

/** A class-conditional model trained on MNIST's labels, saved and loaded, and used as a classifier. */
class ConditionalTrainingTest {

    /** The Gated PixelCNN's layout with 8 maps and 3 layers, conditioned on the 10 digits: trains in seconds. */
    private static final GatedPixelCnnSpec SMALL = new GatedPixelCnnSpec("cond-small", "test", 28, 28, 8, 7, 3, 3, 10);

    private static MnistData mnist;
    private static PixelModel model;
    private static INDArray embeddingBefore;
    private static TrainingEvent.Finished end;

    @TempDir
    static Path dir;

    @BeforeAll
    static void trainBriefly() throws IOException {
        mnist = MnistData.load(MnistData.defaultDir());
        model = NetworkBuilder.build(SMALL, 5, 3e-3);
        embeddingBefore = embedding(model).dup();
        TrainingConfig config =
                TrainingConfig.defaults().withLimit(256).withEpochs(1).withBatchSize(32);
        end = new Trainer(
                        model,
                        config,
                        MnistTraining.of(mnist, config),
                        new TrainingLog(TrainingHistory.empty(TrainingConfig.DEFAULT_SEED)),
                        e -> {})
                .run();
    }

    @Test
    void trainsOnTheDigitLabels() {
        assertThat(end.outcome()).as(end.message()).isEqualTo(TrainingEvent.Outcome.COMPLETED);
        INDArray after = embedding(model);
        for (int digit = 0; digit < 10; digit++) {
            assertThat(after.getRow(digit)
                            .sub(embeddingBefore.getRow(digit))
                            .norm2Number()
                            .doubleValue())
                    .as("digit %d's embedding moved", digit)
                    .isPositive();
        }
    }

    @Test
    void aCheckpointKeepsTheConditionalSpecAndWeights() throws CheckpointException {
        Path file = dir.resolve("conditional.zip");
        Checkpoints.save(file, model, TrainingHistory.empty(1), true);
        PixelModel loaded = Checkpoints.load(file).model();
        assertThat(loaded.spec()).isEqualTo(SMALL);
        assertThat(loaded.conditional()).isTrue();
        INDArray x = TestImages.binary(2, 28, 28, 3);
        assertThat(loaded.given(7, 2).probabilities(x))
                .isEqualTo(model.given(7, 2).probabilities(x));
    }

    /**
     * The classifier's two NLLs agree with the model's own read-outs: the true label's with
     * validation's ({@link Metrics#evaluate} on labelled batches), the marginal with the unlabelled
     * model's exact mixture; and the marginal is within log 10 of the true label's.
     */
    @Test
    void classifiesAndItsNllsMatchTheModelsReadOuts() {
        Classification.Result r =
                Classification.evaluate(model, MnistTraining.evaluation(mnist.test(), mnist.testLabels(), 60));
        assertThat(r.images()).isEqualTo(60);
        assertThat(r.accuracy()).isBetween(0.0, 1.0);
        Metrics.Nll trueLabel = Metrics.evaluate(model, MnistTraining.evaluation(mnist.test(), mnist.testLabels(), 60));
        Metrics.Nll mixture = Metrics.evaluate(model, MnistTraining.evaluation(mnist.test(), 60));
        // float32 sums over a whole batch (Metrics) against per-image ones: agreement to 1e-4 relative
        assertThat(r.trueLabelNats()).isCloseTo(trueLabel.nats(), within(1e-3 * trueLabel.nats()));
        assertThat(r.marginalNats()).isCloseTo(mixture.nats(), within(1e-3 * mixture.nats()));
        assertThat(Math.abs(r.marginalNats() - r.trueLabelNats()))
                .as("the mixture is not the true label's likelihood")
                .isGreaterThan(1e-3);
        assertThat(r.marginalNats()).isLessThanOrEqualTo(r.trueLabelNats() + Math.log(10) + 1e-6);
    }

    private static INDArray embedding(PixelModel m) {
        return m.network().getLayer("gated2").getParam(GatedPixelCnnLayer.LABEL_HORIZONTAL);
    }
}
