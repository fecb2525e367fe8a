package org.pixelscope.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.train.TrainingEvent.Finished;
import org.pixelscope.train.TrainingEvent.Iteration;
import org.pixelscope.train.TrainingEvent.Outcome;

/**
 * Divergence that never reaches NaN: the clipped cross-entropy of a wrecked network stays
 * finite, so the trainer must judge the loss against its recent median.
 */
class TrainerDivergenceTest {

    private static final MnistData MNIST = loadMnist();
    private static final PixelCnnSpec TINY = new PixelCnnSpec("pixelcnn-tiny", "test model", 28, 28, 8, 7, 2, 3, false);

    @Test
    void aFiniteButExplodingLossEndsTheRunAsDivergedAndRestoresTheGoodWeights() {
        // 20 steps an epoch; Adam at rate 1 moves every weight by about 1 per step
        TrainingConfig config = TrainingConfig.defaults()
                .withLimit(640)
                .withBatchSize(32)
                .withEpochs(1)
                .withLearningRate(1);
        PixelModel model = NetworkBuilder.build(TINY, config.seed(), 1e-3);
        List<INDArray> before = new ArrayList<>(List.of(model.network().params().dup()));
        List<Iteration> iterations = new ArrayList<>();
        Finished f = new Trainer(
                        model,
                        config,
                        MnistTraining.of(MNIST, config),
                        new TrainingLog(TrainingHistory.empty(config.seed())),
                        e -> {
                            if (e instanceof Iteration it) {
                                iterations.add(it);
                                before.add(model.network().params().dup());
                            }
                        })
                .run();

        assertThat(f.outcome()).as(f.message()).isEqualTo(Outcome.DIVERGED);
        assertThat(f.message()).contains("recent median").contains(DivergenceGuard.PATIENCE + " iterations in a row");
        assertThat(iterations)
                .hasSize(f.iteration())
                .allSatisfy(it -> assertThat(it.lossNats()).isFinite());
        // the first loss (the untrained weights) is the reference; a rise of 20% above it, worse than chance, is
        // abnormal
        int firstBad = -1;
        for (int i = 1; i < iterations.size() && firstBad < 0; i++) {
            if (iterations.get(i).lossNats()
                    > DivergenceGuard.RISE * iterations.get(0).lossNats()) {
                firstBad = i;
            }
        }
        assertThat(firstBad).as("an abnormal step").isPositive();
        // every loss from the first abnormal one on stayed abnormal, and the run stopped at the tenth
        assertThat(iterations).hasSize(firstBad + DivergenceGuard.PATIENCE);
        // the weights that scored the last normal loss: those before step firstBad (0-based index firstBad - 1)
        assertThat(model.network().params().toFloatVector())
                .containsExactly(before.get(firstBad - 1).toFloatVector());
        assertThat(f.message()).contains("after iteration " + (firstBad - 1) + " are restored");
    }

    private static MnistData loadMnist() {
        try {
            return MnistData.load(MnistData.defaultDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
