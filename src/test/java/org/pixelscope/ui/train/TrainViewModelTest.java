package org.pixelscope.ui.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.JobRunner;
import org.pixelscope.ui.ModelSession;
import org.pixelscope.ui.StatusModel;

/** The view model without a toolkit: everything runs on the test thread. */
class TrainViewModelTest {

    private final List<String> errors = new ArrayList<>();
    private final ModelSession session =
            new ModelSession(JobRunner.direct(), Path.of("no-such-mnist"), org.pixelscope.ui.TestAutosave.folder());
    private final TrainViewModel vm = new TrainViewModel(
            new AppContext(session, new StatusModel(), (title, message) -> errors.add(title + ": " + message)));

    @Test
    void anInvalidHyperparameterIsReportedAndNothingStarts() {
        vm.hyperparameters().batchSizeProperty().set(0);
        vm.start();
        assertThat(errors)
                .containsExactly("Cannot start training: batch size must be 1 to 512 (memory grows with it), got 0");
        assertThat(vm.stateProperty().get()).isEqualTo(RunState.IDLE);
        assertThat(vm.trainingProperty().get()).isFalse();
        assertThat(session.isTraining()).isFalse();
    }

    @Test
    void startingWithoutAModelSaysWhatToDo() {
        vm.toggle();
        assertThat(errors).singleElement().asString().contains("No model is loaded");
        assertThat(vm.stateProperty().get()).isEqualTo(RunState.IDLE);
    }

    @Test
    void pauseResumeAndStopDoNothingWhenIdle() {
        vm.pause();
        vm.resume();
        vm.stop();
        assertThat(vm.stopAndWait()).isDone();
        assertThat(vm.stateProperty().get()).isEqualTo(RunState.IDLE);
        assertThat(errors).isEmpty();
    }

    @Test
    void hyperparametersStartAtTheTrainingDefaults() {
        assertThat(vm.hyperparameters().toConfig()).isEqualTo(org.pixelscope.train.TrainingConfig.defaults());
        assertThat(Hyperparameters.usableLearningRate(0)).isFalse();
        assertThat(Hyperparameters.usableLearningRate(Double.POSITIVE_INFINITY)).isFalse();
        assertThat(Hyperparameters.usableLearningRate(5e-4)).isTrue();
    }
}
