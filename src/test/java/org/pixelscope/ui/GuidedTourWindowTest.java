package org.pixelscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pixelscope.data.MnistData;
import org.pixelscope.ui.masks.MasksViewModel;
import org.pixelscope.ui.sample.SampleViewModel;
import org.pixelscope.ui.tour.TourPanel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The guided tour in a real main window: F2 starts it, the arrows move it, Esc ends it (before leaving full screen). */
@ExtendWith(ApplicationExtension.class)
class GuidedTourWindowTest {

    private static final Preferences NODE = Preferences.userRoot().node("org/pixelscope/test-guided-tour");

    private final List<String> errors = new CopyOnWriteArrayList<>();
    private MainWindow window;

    @Start
    void start(Stage stage) {
        ModelSession session =
                new ModelSession(JobRunner.threaded(Platform::runLater), MnistData.defaultDir(), TestAutosave.folder());
        AppContext ctx =
                new AppContext(session, new StatusModel(), (title, message) -> errors.add(title + ": " + message));
        window = new MainWindow(ctx, new AppPreferences(NODE));
        stage.setScene(new Scene(window, 1280, 800));
        stage.show();
    }

    @AfterAll
    static void forget() throws Exception {
        NODE.removeNode();
    }

    @Test
    void f2StartsTheTourTheArrowsMoveItAndEscEndsIt(FxRobot robot) throws Exception {
        TourPanel panel = robot.lookup("#tour-panel").queryAs(TourPanel.class);
        assertThat(panel.isVisible()).isFalse();
        robot.clickOn("#sample-grid"); // the Sample view has the focus, where Right alone steps a pixel
        robot.type(javafx.scene.input.KeyCode.F2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(panel.isVisible()).isTrue();
        assertThat(text(robot, "#tour-position")).isEqualTo("Guided tour · 1 of 9");
        SampleViewModel sample = window.views().sample().viewModel();
        // the shipped model opens and draws; then Right belongs to the tour, not to "step pixel"
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> sample.playingProperty().get());

        robot.type(javafx.scene.input.KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#tour-position")).isEqualTo("Guided tour · 2 of 9");
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> sample.shownProperty().get() == 10 * 28 + 14 + 1);
        assertThat(sample.playingProperty().get()).isFalse();
        assertThat(window.selectedTab()).isEqualTo("Sample");

        robot.type(javafx.scene.input.KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#tour-position")).isEqualTo("Guided tour · 3 of 9");
        assertThat(text(robot, "#tour-title")).isEqualTo("Mask A and mask B");
        assertThat(text(robot, "#tour-text")).startsWith("A masked convolution zeroes");
        WaitForAsyncUtils.waitFor(
                60, TimeUnit.SECONDS, () -> window.selectedTab().equals("Masks"));
        MasksViewModel masks = window.views().masks().viewModel();
        WaitForAsyncUtils.waitFor(
                120,
                TimeUnit.SECONDS,
                () -> masks.fieldProperty().get() != null
                        && masks.gridsProperty()
                                .get()
                                .get(0)
                                .layer()
                                .equals(masks.kernelLayerProperty().get()));
        assertThat(sample.shownProperty().get())
                .as("Right did not step the sample")
                .isEqualTo(10 * 28 + 14 + 1);

        // in full screen (lecture), the first Esc ends the tour only, the next leaves full screen
        WindowFixture.onFx(() -> {
            window.presentation().fullScreenProperty().set(true);
            return null;
        });
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(panel.isVisible()).isFalse();
        assertThat(window.tour().runningProperty().get()).isFalse();
        assertThat(window.presentation().fullScreenProperty().get()).isTrue();
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.presentation().fullScreenProperty().get()).isFalse();
        robot.type(javafx.scene.input.KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.tour().stepProperty().get())
                .as("the ended tour keeps its keys to itself")
                .isEqualTo(2);
        assertThat(errors).isEmpty();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
