package org.pixelscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;

/** Cosine learning rates and early stopping, on the math and in a real run. */
class ScheduleTest {

    private static final PixelCnnSpec TINY = new PixelCnnSpec("pixelcnn-tiny", "test model", 28, 28, 8, 7, 2, 3, false);

    @Test
    void cosineStartsAtTheBaseRateAndHalvesTheDistanceAtTheMiddle() {
        Schedule cosine = new Schedule(Schedule.Kind.COSINE, 1e-5, 0);
        assertThat(cosine.rate(1e-3, 1, 4)).isEqualTo(1e-3);
        assertThat(cosine.rate(1e-3, 3, 4)).isCloseTo((1e-3 + 1e-5) / 2, within(1e-12));
        assertThat(cosine.rate(1e-3, 4, 4)).isLessThan(cosine.rate(1e-3, 3, 4)).isGreaterThan(1e-5);
        assertThat(cosine.rate(1e-3, 1, 1))
                .as("a one-epoch run keeps the base rate")
                .isEqualTo(1e-3);
        assertThat(cosine.rate(1e-6, 2, 4))
                .as("a floor above the base rate is the base rate")
                .isEqualTo(1e-6);
        assertThat(Schedule.constant().rate(1e-3, 4, 4)).isEqualTo(1e-3);
        assertThatThrownBy(() -> new Schedule(Schedule.Kind.COSINE, -1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Schedule(Schedule.Kind.COSINE, 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static TrainingData tinyData(TrainingConfig config) throws Exception {
        return MnistTraining.of(MnistData.load(MnistData.defaultDir()), config);
    }

    @Test
    void aCosineRunTrainsEachEpochAtItsRate() throws Exception {
        TrainingConfig config =
                TrainingConfig.defaults().withLimit(64).withEpochs(3).withBatchSize(32);
        Schedule cosine = new Schedule(Schedule.Kind.COSINE, 1e-5, 0);
        try (PixelModel model = NetworkBuilder.build(TINY, config.seed(), config.learningRate())) {
            List<Double> rates = new ArrayList<>();
            Trainer[] trainer = new Trainer[1];
            trainer[0] = new Trainer(
                            model,
                            config,
                            tinyData(config),
                            new TrainingLog(TrainingHistory.empty(config.seed())),
                            e -> {
                                if (e instanceof TrainingEvent.EpochEnd) {
                                    rates.add(trainer[0].learningRate());
                                }
                            })
                    .withSchedule(cosine);
            TrainingEvent.Finished end = trainer[0].run();
            assertThat(end.outcome()).isEqualTo(TrainingEvent.Outcome.COMPLETED);
            assertThat(rates).hasSize(3);
            for (int e = 1; e <= 3; e++) {
                assertThat(rates.get(e - 1)).isCloseTo(cosine.rate(1e-3, e, 3), within(1e-15));
            }
            assertThat(rates.get(2)).isLessThan(rates.get(1)).isLessThan(rates.get(0));
        }
    }

    @Test
    void aRunThatStopsImprovingStopsAfterItsPatience() throws Exception {
        // a step size of 1e-12 changes nothing measurable: epoch 2 cannot beat epoch 1 by 0.001 nats
        TrainingConfig config = TrainingConfig.defaults()
                .withLimit(64)
                .withEpochs(6)
                .withBatchSize(32)
                .withLearningRate(1e-12);
        try (PixelModel model = NetworkBuilder.build(TINY, config.seed(), config.learningRate())) {
            List<TrainingEvent.EpochEnd> epochs = new ArrayList<>();
            TrainingEvent.Finished end = new Trainer(
                            model,
                            config,
                            tinyData(config),
                            new TrainingLog(TrainingHistory.empty(config.seed())),
                            e -> {
                                if (e instanceof TrainingEvent.EpochEnd ee) {
                                    epochs.add(ee);
                                }
                            })
                    .withSchedule(new Schedule(Schedule.Kind.CONSTANT, 0, 2))
                    .run();
            assertThat(end.outcome()).isEqualTo(TrainingEvent.Outcome.COMPLETED);
            assertThat(epochs).hasSize(3);
            assertThat(end.message()).startsWith("stopped early after epoch 3");
        }
    }
}
