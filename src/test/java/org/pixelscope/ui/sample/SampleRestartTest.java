package org.pixelscope.ui.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pixelscope.model.GatedPixelCnnSpec;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.ui.ModelSession;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Restarting a generation that has been shown (Reset, a new temperature, completion on and off, a
 * new model) throws nothing on the FX thread: the view redraws from the new generation only
 * once the playback position fits it. The test catches uncaught exceptions of every thread,
 * the FX thread's included, which JavaFX would otherwise only print.
 */
@ExtendWith(ApplicationExtension.class)
class SampleRestartTest {

    private static final int HW = 28 * 28;

    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private List<String> errors;
    private Thread.UncaughtExceptionHandler before;
    private ModelSession session;
    private SampleView view;

    @Start
    void start(Stage stage) {
        before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.UncaughtExceptionHandler record = (t, e) -> uncaught.add(e);
        Thread.setDefaultUncaughtExceptionHandler(record);
        Thread.currentThread().setUncaughtExceptionHandler(record);
        SampleViewOnStage on = new SampleViewOnStage(stage, 1000, 700);
        session = on.session;
        view = on.view;
        errors = on.errors;
    }

    @AfterEach
    void restore() {
        Thread.setDefaultUncaughtExceptionHandler(before);
    }

    @Test
    void restartsOfAShownGenerationThrowNothing(FxRobot robot) throws Exception {
        SampleViewModel vm = view.viewModel();
        robot.interact(() -> {
            vm.countProperty().set(4);
            vm.speedProperty().set(Playback.FASTEST);
            session.create(PixelCnnSpec.chapter());
        });
        shownToTheEnd(vm, null);

        // each action starts a new generation while the last one is shown to its last pixel
        restart(robot, vm, view::reset);
        restart(robot, vm, () -> vm.temperatureProperty().set(0.5));
        restart(robot, vm, () -> vm.completionProperty().set(true));
        restart(robot, vm, () -> vm.completionProperty().set(false));
        restart(robot, vm, () -> session.create(GatedPixelCnnSpec.standard()));
        assertThat(session.getModel().spec()).isInstanceOf(GatedPixelCnnSpec.class);

        assertThat(uncaught).as("uncaught exceptions").isEmpty();
        assertThat(errors).isEmpty();
    }

    private void restart(FxRobot robot, SampleViewModel vm, Runnable action) throws Exception {
        SampleTrace old = vm.traceProperty().get();
        robot.interact(action);
        shownToTheEnd(vm, old);
    }

    /** Waits until a generation other than {@code old} is computed and shown in full (playback runs as fast as possible). */
    private void shownToTheEnd(SampleViewModel vm, SampleTrace old) throws Exception {
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> {
            SampleTrace t = vm.traceProperty().get();
            return t != null && t != old && t.complete() && vm.shownProperty().get() == HW;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
