package org.pixelscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.PixelCnnSpec;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private static final Preferences NODE = Preferences.userRoot().node("org/pixelscope/test-main-window");

    private final List<String> errors = new CopyOnWriteArrayList<>();
    private MainWindow window;
    private ModelSession session;

    @Start
    void start(Stage stage) {
        window = WindowFixture.show(stage, NODE, errors);
        session = window.context().session();
    }

    @AfterAll
    static void forget() throws Exception {
        NODE.removeNode();
    }

    @Test
    void opensWithFiveViewsAndAModelPicker(FxRobot robot) throws Exception {
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        assertThat(tabs.getTabs())
                .extracting(t -> t.getText())
                .containsExactly("Train", "Sample", "Masks", "Summary", "Likelihood");
        ModelPicker picker = robot.lookup("#model-picker").queryAs(ModelPicker.class);
        var shipped = org.pixelscope.train.ShippedModels.all();
        assertThat(picker.getItems()).hasSize(shipped.size() + ModelSpecs.all().size() + 1);
        // the pretrained checkpoints first, each with its test NLL
        assertThat(picker.getItems().get(0).label())
                .isEqualTo("Pretrained: " + shipped.get(0).label());
        assertThat(picker.getItems().get(0).label()).matches("Pretrained: pixelcnn-chapter · \\d+\\.\\d\\d nats");
        assertThat(picker.getItems().get(0).shipped()).isEqualTo(shipped.get(0).path());
        // the status bar names the native build once ND4J has started
        WaitForAsyncUtils.waitFor(
                120,
                TimeUnit.SECONDS,
                () -> robot.lookup(".label").queryAllAs(Label.class).stream()
                        .anyMatch(l -> l.getText() != null && l.getText().startsWith("ND4J ")));
    }

    @Test
    void theDataLineSaysHowTheCurrentModelsPixelsAreMade(FxRobot robot) throws Exception {
        Label line = robot.lookup("#data-line").queryAs(Label.class);
        java.nio.file.Path grey = org.pixelscope.train.ShippedModels.all().stream()
                .filter(s -> !s.binary())
                .findFirst()
                .orElseThrow()
                .path();
        session.open(grey).get(120, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> line.getText().contains("quantised to 4 grey levels"));
        assertThat(line.getText()).doesNotContain("binarised");
        session.open(ModelSession.shippedCheckpoint()).get(120, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> line.getText().contains("binarised"));
    }

    @Test
    void theTrainViewDrawsItsSampleStripOnlyOnceItIsShown(FxRobot robot) throws Exception {
        session.open(ModelSession.shippedCheckpoint()).get(120, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Label caption = robot.lookup("#sample-strip-caption").queryAs(Label.class);
        // the window opens on Sample: the strip waits rather than sample beside its generation
        assertThat(caption.getText()).isEqualTo("Samples from the loaded weights are drawn when this view is shown.");
        robot.interact(() -> window.selectTab(0));
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> caption.getText().startsWith("Samples from the loaded weights (seed"));
        assertThat(errors).isEmpty();
    }

    @Test
    void newModelFromThePickerBecomesCurrent(FxRobot robot) throws Exception {
        robot.interact(() -> window.createNew(PixelCnnSpec.chapter()));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> session.getModel() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.sourceProperty().get()).contains("untrained");
        assertThat(robot.lookup("#model-picker").queryAs(ModelPicker.class).getPromptText())
                .startsWith("pixelcnn-chapter");
        assertThat(errors).isEmpty();
    }

    @Test
    void aBrokenCheckpointIsReportedAndTheAppKeepsRunning(FxRobot robot) throws Exception {
        java.nio.file.Path bad = java.nio.file.Files.createTempFile("broken", ".zip");
        java.nio.file.Files.write(bad, new byte[] {1, 2, 3, 4});
        robot.interact(() -> window.open(bad));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !errors.isEmpty());
        assertThat(errors.get(0))
                .contains("not a PixelScope checkpoint")
                .contains(bad.getFileName().toString());
        assertThat(window.getScene().getWindow().isShowing()).isTrue();
    }

    @Test
    void shortcutsSwitchViews(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.selectedTab()).isEqualTo("Summary");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.selectedTab()).isEqualTo("Likelihood");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.selectedTab()).isEqualTo("Sample");
    }

    @Test
    void opensOnSampleWithItsExplanationAndF1TogglesIt(FxRobot robot) {
        assertThat(window.selectedTab()).isEqualTo("Sample");
        ExplainPanel panel = window.explainPanel();
        assertThat(panel.isVisible()).isTrue();
        assertThat(robot.from(panel)
                        .lookup(".explain-title")
                        .queryAs(Label.class)
                        .getText())
                .isEqualTo(Explanation.of("sample").title());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.from(panel)
                        .lookup(".explain-title")
                        .queryAs(Label.class)
                        .getText())
                .isEqualTo(Explanation.of("masks").title());
        robot.press(KeyCode.F1).release(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(panel.isVisible()).isFalse();
        robot.press(KeyCode.F1).release(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(panel.isVisible()).isTrue();
    }

    @Test
    void zoomShortcutsStepTheZoom(FxRobot robot) {
        double before = window.presentation().zoomProperty().get();
        robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.presentation().zoomProperty().get())
                .isCloseTo(before + 0.1, org.assertj.core.data.Offset.offset(1e-9));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.presentation().zoomProperty().get()).isEqualTo(1.0);
    }

    @Test
    void unsavedTrainingAsksBeforeANewModelReplacesIt(FxRobot robot) throws Exception {
        PixelCnnSpec tiny = new PixelCnnSpec("tiny", "a small PixelCNN for tests", 28, 28, 8, 3, 1, 3, false);
        robot.interact(() -> window.createNew(tiny));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> session.getModel() != null);
        org.pixelscope.model.PixelModel trained = session.getModel();
        robot.interact(() -> session.trainingEnded(
                new org.pixelscope.train.TrainingHistory(1, 10, 7, "test", List.of(), List.of()),
                (t, m) -> errors.add(t + ": " + m)));

        Platform.runLater(() -> window.createNew(PixelCnnSpec.chapter())); // the dialog waits for an answer
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#unsaved-dialog").tryQuery()).isPresent();
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.getModel()).as("Cancel keeps the trained model").isSameAs(trained);
        assertThat(session.unsavedProperty().get()).isTrue();

        Platform.runLater(() -> window.createNew(PixelCnnSpec.chapter()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Discard");
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> session.getModel() != trained && session.getModel() != null);
        assertThat(session.getModel().spec()).isEqualTo(PixelCnnSpec.chapter());
        assertThat(session.unsavedProperty().get()).isFalse();
        assertThat(errors).isEmpty();
    }

    @Test
    void plainDigitsSwitchViewsAndTheKeyHintsCanBeHidden(FxRobot robot) {
        robot.interact(() -> window.requestFocus());
        robot.press(KeyCode.DIGIT4).release(KeyCode.DIGIT4);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.selectedTab()).isEqualTo("Summary");
        robot.press(KeyCode.DIGIT5).release(KeyCode.DIGIT5);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.selectedTab()).isEqualTo("Likelihood");
        robot.press(KeyCode.DIGIT3).release(KeyCode.DIGIT3);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.selectedTab()).isEqualTo("Masks");
        Label hints = window.keyHints();
        assertThat(hints.isVisible()).isTrue();
        assertThat(hints.getText()).contains("Space play/pause").contains("1-5 views");
        robot.interact(() -> hints.setVisible(false));
        assertThat(hints.isManaged()).isFalse();
    }
}
