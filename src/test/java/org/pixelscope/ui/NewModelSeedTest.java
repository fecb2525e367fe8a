package org.pixelscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.train.TrainingConfig;
import org.pixelscope.ui.train.TrainViewModel;

/** A model created in the app starts from the weights {@code train --seed} would start from, headless. */
class NewModelSeedTest {

    private static final PixelCnnSpec TINY =
            new PixelCnnSpec("tiny", "a small PixelCNN for tests", 8, 8, 4, 3, 1, 3, false);

    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();
    private ModelSession session;

    @BeforeEach
    void session() {
        session = new ModelSession(JobRunner.direct(), dir.resolve("no-mnist"), Autosave.in(dir.resolve("autosave")));
    }

    @AfterEach
    void close() {
        if (session.getModel() != null) {
            session.getModel().close();
        }
    }

    @Test
    void aNewModelUsesTheDefaultSeedUntilTheTrainViewsSeedChanges() throws Exception {
        session.create(TINY).get();
        assertThat(weights(session.getModel())).isEqualTo(weights(TrainingConfig.DEFAULT_SEED));
        assertThat(session.historyProperty().get().seed()).isEqualTo(TrainingConfig.DEFAULT_SEED);

        AppContext ctx = new AppContext(session, new StatusModel(), (title, message) -> errors.add(title + message));
        TrainViewModel train = new TrainViewModel(ctx);
        train.hyperparameters().seedProperty().set(7);
        session.getModel().close();
        session.create(TINY).get();

        assertThat(weights(session.getModel())).isEqualTo(weights(7));
        assertThat(session.historyProperty().get().seed()).isEqualTo(7);
        assertThat(errors).isEmpty();
    }

    @Test
    void startingAnUntrainedModelWithAnotherSeedRebuildsItFromThatSeed() throws Exception {
        session.create(TINY).get();
        AppContext ctx = new AppContext(session, new StatusModel(), (title, message) -> errors.add(title + message));
        TrainViewModel train = new TrainViewModel(ctx);
        session.create(TINY, TrainingConfig.DEFAULT_SEED).get(); // built before the seed field changes
        train.hyperparameters().seedProperty().set(11);

        train.start(); // the data folder does not exist: the run itself fails after the rebuild

        assertThat(weights(session.getModel())).isEqualTo(weights(11));
        assertThat(session.historyProperty().get().seed()).isEqualTo(11);
    }

    private static float[] weights(long seed) {
        try (PixelModel m = NetworkBuilder.build(TINY, seed, TrainingConfig.DEFAULT_LEARNING_RATE)) {
            return weights(m);
        }
    }

    private static float[] weights(PixelModel m) {
        return m.network().params().dup().toFloatVector();
    }
}
