package org.pixelscope.ui.train;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.JobRunner;
import org.pixelscope.ui.ModelSession;
import org.pixelscope.ui.StatusModel;
import org.pixelscope.ui.TestAutosave;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The training view in a real (headless) window, training an untrained chapter model on a few images. */
@ExtendWith(ApplicationExtension.class)
class TrainViewTest {

    private final List<String> errors = new CopyOnWriteArrayList<>();
    private ModelSession session;
    private StatusModel status;
    private TrainView view;

    @Start
    void start(Stage stage) {
        session =
                new ModelSession(JobRunner.threaded(Platform::runLater), MnistData.defaultDir(), TestAutosave.folder());
        status = new StatusModel();
        view = new TrainView(new AppContext(session, status, (title, message) -> errors.add(title + ": " + message)));
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
    }

    @BeforeEach
    void createModel() throws Exception {
        session.create(PixelCnnSpec.chapter()).get(120, SECONDS);
    }

    @AfterEach
    void stopEverything(FxRobot robot) throws Exception {
        fx(view::stopAndWait).get(60, SECONDS);
        WaitForAsyncUtils.waitFor(
                30, SECONDS, () -> !fx(() -> view.trainingProperty().get()));
        robot.interact(() -> view.viewModel().samples().clear());
    }

    @Test
    void startingTrainingWithATinyDataLimitAddsPointsToTheChart(FxRobot robot) throws Exception {
        Hyperparameters h = view.viewModel().hyperparameters();
        robot.interact(() -> {
            h.limitProperty().set(128);
            h.batchSizeProperty().set(32);
            h.epochsProperty().set(1);
        });
        robot.clickOn("#start-pause");

        WaitForAsyncUtils.waitFor(60, SECONDS, () -> fx(() -> view.chart().pointCount()) > 0);
        WaitForAsyncUtils.waitFor(
                60, SECONDS, () -> !fx(() -> view.trainingProperty().get()));
        assertThat(errors).isEmpty();
        assertThat(fx(() -> session.historyProperty().get().iterations())).isEqualTo(4);
        assertThat(fx(() -> view.chart().pointCount())).isEqualTo(4);
        assertThat(fx(() -> view.viewModel().series().validationSize())).isEqualTo(1);
        assertThat(fx(() -> status.jobProperty().get())).startsWith("Training completed 1 epoch");
        // the epoch end asked for a strip of samples from the new weights
        WaitForAsyncUtils.waitFor(
                300,
                SECONDS,
                () -> fx(() -> view.viewModel().samples().samplesProperty().get()) != null);
        assertThat(fx(() -> view.viewModel().samples().captionProperty().get())).startsWith("Samples after epoch 1");

        robot.clickOn("bits/dim");
        robot.clickOn("#log-x");
        assertThat(fx(() -> view.chart().unitProperty().get())).isEqualTo(LossUnit.BITS_PER_DIM);
        assertThat(fx(() -> view.chart().logXProperty().get())).isTrue();
        robot.moveTo(view.chart());
        assertThat(fx(() -> view.chart().hoverTextProperty().get()))
                .contains("iteration")
                .contains("bits/dim");

        // a new model brings its own (empty) history, and no samples until it trains
        session.create(PixelCnnSpec.chapter()).get(120, SECONDS);
        assertThat(fx(() -> view.chart().pointCount())).isZero();
        assertThat(fx(() -> view.viewModel().samples().samplesProperty().get())).isNull();
        assertThat(fx(() -> view.viewModel().samples().busyProperty().get())).isFalse();
    }

    @Test
    void aTrainedCheckpointShowsItsSamplesAtOnce() throws Exception {
        session.open(ModelSession.shippedCheckpoint()).get(120, SECONDS);
        WaitForAsyncUtils.waitFor(
                120,
                SECONDS,
                () -> fx(() -> view.viewModel().samples().samplesProperty().get()) != null);
        assertThat(fx(() -> view.viewModel().samples().captionProperty().get()))
                .startsWith("Samples from the loaded weights");
        assertThat(fx(() -> view.viewModel().samples().samplesProperty().get().complete()))
                .isTrue();
        assertThat(errors).isEmpty();
    }

    @Test
    void aHiddenViewDrawsItsStripOnlyWhenShown(FxRobot robot) throws Exception {
        robot.interact(() -> view.setShowing(false));
        session.open(ModelSession.shippedCheckpoint()).get(120, SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        // asked for, snapshot taken, but not drawn while the view is hidden
        assertThat(fx(() -> view.viewModel().samples().captionProperty().get()))
                .isEqualTo("Samples from the loaded weights are drawn when this view is shown.");
        Thread.sleep(2000);
        assertThat(fx(() -> view.viewModel().samples().busyProperty().get())).isFalse();
        assertThat(fx(() -> view.viewModel().samples().samplesProperty().get())).isNull();

        robot.interact(() -> view.setShowing(true));
        WaitForAsyncUtils.waitFor(
                120,
                SECONDS,
                () -> fx(() -> view.viewModel().samples().samplesProperty().get()) != null);
        assertThat(fx(() -> view.viewModel().samples().captionProperty().get()))
                .startsWith("Samples from the loaded weights (seed");
        assertThat(errors).isEmpty();
    }

    @Test
    void anInvalidHyperparameterIsReportedAndTrainingDoesNotStart(FxRobot robot) throws Exception {
        TextField batch = robot.lookup("#hp-batch-size").queryAs(TextField.class);
        robot.clickOn(batch);
        robot.interact(batch::selectAll);
        robot.write("0").type(KeyCode.ENTER);
        assertThat(fx(() ->
                        view.viewModel().hyperparameters().batchSizeProperty().get()))
                .isZero();

        robot.clickOn("#start-pause");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(errors)
                .containsExactly("Cannot start training: batch size must be 1 to 512 (memory grows with it), got 0");
        assertThat(fx(() -> view.trainingProperty().get())).isFalse();
        assertThat(session.isTraining()).isFalse();
    }

    @Test
    void pauseHoldsTheRunAndResumeContinuesIt(FxRobot robot) throws Exception {
        Hyperparameters h = view.viewModel().hyperparameters();
        robot.interact(() -> {
            h.limitProperty().set(2000);
            h.batchSizeProperty().set(32);
            h.epochsProperty().set(1);
        });
        robot.interact(view::toggleTraining);
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> fx(() -> view.chart().pointCount()) > 0);
        assertThat(fx(() -> view.viewModel().stateProperty().get())).isEqualTo(RunState.RUNNING);

        robot.clickOn("#start-pause");
        assertThat(fx(() -> view.viewModel().stateProperty().get())).isEqualTo(RunState.PAUSED);
        assertThat(fx(() -> robot.lookup("#start-pause").queryAs(Button.class).getText()))
                .isEqualTo("Resume");
        assertThat(fx(() -> view.trainingProperty().get())).isTrue();
        WaitForAsyncUtils.waitFor(
                30, SECONDS, () -> fx(() -> status.jobProperty().get()).startsWith("Training paused at"));
        int held = fx(() -> view.chart().pointCount());
        Thread.sleep(1500);
        assertThat(fx(() -> view.chart().pointCount())).isEqualTo(held);

        robot.interact(view::toggleTraining);
        assertThat(fx(() -> view.viewModel().stateProperty().get())).isEqualTo(RunState.RUNNING);
        WaitForAsyncUtils.waitFor(60, SECONDS, () -> fx(() -> view.chart().pointCount()) > held);

        robot.interact(view::stopTraining);
        WaitForAsyncUtils.waitFor(
                60, SECONDS, () -> !fx(() -> view.trainingProperty().get()));
        assertThat(fx(() -> status.jobProperty().get())).startsWith("Training stopped at iteration");
        assertThat(errors).isEmpty();
        assertThat(fx(() -> session.historyProperty().get().iterations())).isGreaterThan(held);
    }

    @Test
    void aDivergingRunIsReportedWithItsMessageAndTheViewCarriesOn(FxRobot robot) throws Exception {
        // Adam steps of 1e30, typed into the sheet, overflow float32 on the second iteration.
        session.create(PixelCnnSpec.chapter()).get(120, SECONDS);
        Hyperparameters h = view.viewModel().hyperparameters();
        robot.interact(() -> {
            h.learningRateProperty().set(1e30);
            h.limitProperty().set(96);
            h.batchSizeProperty().set(32);
            h.epochsProperty().set(1);
        });
        robot.interact(view::toggleTraining);
        WaitForAsyncUtils.waitFor(90, SECONDS, () -> !errors.isEmpty());
        WaitForAsyncUtils.waitFor(
                30, SECONDS, () -> !fx(() -> view.trainingProperty().get()));
        assertThat(errors)
                .singleElement()
                .asString()
                .startsWith("Training diverged: training diverged: the loss became NaN at iteration 2")
                .contains("lower the learning rate");
        assertThat(fx(() -> status.jobProperty().get())).isEqualTo("Training diverged at iteration 1");
        assertThat(session.isTraining()).isFalse();
        assertThat(fx(() -> view.chart().pointCount())).isEqualTo(1);
        assertThat(fx(() -> robot.lookup("#start-pause").queryAs(Button.class).getText()))
                .isEqualTo("Start");
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, SECONDS);
    }
}
