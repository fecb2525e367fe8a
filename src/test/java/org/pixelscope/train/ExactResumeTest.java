package org.pixelscope.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.train.TrainingEvent.Outcome;

/**
 * "1 epoch, then 2 more" must train the very weights "3 epochs" trains: epoch e gets the data of
 * (seed, e) whichever run it falls in, and Adam's state travels in the checkpoint.
 */
class ExactResumeTest {

    private static final MnistData MNIST = loadMnist();
    /** Eight filters over three layers: a few seconds for nine steps. */
    private static final PixelCnnSpec TINY = new PixelCnnSpec("pixelcnn-tiny", "test model", 28, 28, 8, 7, 2, 3, false);
    /** 96 images in batches of 32: three steps an epoch. */
    private static final TrainingConfig THREE =
            TrainingConfig.defaults().withLimit(96).withBatchSize(32).withEpochs(3);

    private static PixelModel straight;
    private static TrainingHistory straightHistory;

    @BeforeAll
    static void trainThreeEpochs() {
        straight = NetworkBuilder.build(TINY, THREE.seed(), THREE.learningRate());
        TrainingLog log = new TrainingLog(TrainingHistory.empty(THREE.seed()));
        assertThat(train(straight, THREE, log)).isEqualTo(Outcome.COMPLETED);
        straightHistory = log.snapshot();
    }

    @Test
    void oneEpochSavedThenTwoMoreEqualsThreeBitForBit(@TempDir Path dir) throws IOException {
        PixelModel first = NetworkBuilder.build(TINY, THREE.seed(), THREE.learningRate());
        TrainingLog log = new TrainingLog(TrainingHistory.empty(THREE.seed()));
        assertThat(train(first, THREE.withEpochs(1), log)).isEqualTo(Outcome.COMPLETED);
        Path file = dir.resolve("one-epoch.zip");
        Checkpoints.save(file, first, log.snapshot(), true);

        Checkpoints.Checkpoint cp = Checkpoints.load(file);
        TrainingLog resumed = new TrainingLog(cp.history());
        assertThat(train(cp.model(), THREE.withEpochs(2), resumed)).isEqualTo(Outcome.COMPLETED);

        assertSame(cp.model(), resumed.snapshot());
    }

    /** The GUI's way: the same model object trains on in a second run. */
    @Test
    void aSecondRunOnTheSameModelContinuesTheSequence() {
        PixelModel model = NetworkBuilder.build(TINY, THREE.seed(), THREE.learningRate());
        TrainingLog log = new TrainingLog(TrainingHistory.empty(THREE.seed()));
        assertThat(train(model, THREE.withEpochs(1), log)).isEqualTo(Outcome.COMPLETED);
        assertThat(train(model, THREE.withEpochs(2), log)).isEqualTo(Outcome.COMPLETED);
        assertSame(model, log.snapshot());
    }

    private static void assertSame(PixelModel model, TrainingHistory history) {
        assertThat(history.epochs()).isEqualTo(3);
        assertThat(history.iterations()).isEqualTo(9);
        assertThat(history.seed()).isEqualTo(THREE.seed());
        assertThat(history.losses()).as("every step's loss").containsExactlyElementsOf(straightHistory.losses());
        assertThat(history.validation()).containsExactlyElementsOf(straightHistory.validation());
        assertThat(model.network().params().toFloatVector())
                .as("weights")
                .containsExactly(straight.network().params().toFloatVector());
        assertThat(model.network().getUpdater().getStateViewArray().toFloatVector())
                .as("Adam's moments")
                .containsExactly(
                        straight.network().getUpdater().getStateViewArray().toFloatVector());
    }

    private static Outcome train(PixelModel model, TrainingConfig config, TrainingLog log) {
        return new Trainer(model, config, MnistTraining.of(MNIST, config), log, e -> {})
                .run()
                .outcome();
    }

    private static MnistData loadMnist() {
        try {
            return MnistData.load(MnistData.defaultDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
