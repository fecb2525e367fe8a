package org.pixelscope.ui;

import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.pixelscope.backend.NoDeserialization;
import org.pixelscope.backend.QuietStdout;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.PixelCnnSpec;

/**
 * The desktop app: wires the services (job runner, model session, status, errors), opens the
 * main window on the last checkpoint or the shipped pretrained model, and guards closing while
 * training runs.
 *
 * <p>Thread: FX only.
 */
public class PixelScopeApp extends Application {

    private JobRunner jobs;
    private AppPreferences prefs;
    private MainWindow window;

    @Override
    public void init() {
        NoDeserialization.install(); // a no-op when Main already did it; needed under mvn javafx:run
        org.pixelscope.backend.Logging.install();
        QuietStdout.install();
    }

    @Override
    public void start(Stage stage) {
        prefs = AppPreferences.user();
        jobs = JobRunner.threaded(Platform::runLater);
        ModelSession session = new ModelSession(jobs, MnistData.defaultDir(), Autosave.user());
        ErrorReporter errors = (title, message) -> {
            Alert a = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
            a.initOwner(stage);
            a.setTitle("PixelScope");
            a.setHeaderText(title);
            a.getDialogPane().setMinWidth(480);
            a.show();
        };
        AppContext ctx = new AppContext(session, new StatusModel(), errors);
        // anything no job caught (an out-of-memory error on any thread among them) becomes a dialog
        Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
                Platform.runLater(() -> errors.report("Unexpected error on thread " + thread.getName(), e)));
        window = new MainWindow(ctx, prefs);
        ZoomPane zoomed = new ZoomPane(window);
        zoomed.zoomProperty().bind(window.presentation().zoomProperty());
        Scene scene = new Scene(zoomed, prefs.width(), prefs.height());
        // Ctrl+plus arrives as Ctrl+'+' on some layouts and Ctrl+numpad-add on others
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Add"), window.presentation()::zoomIn);
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Plus"), window.presentation()::zoomIn);
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Subtract"), window.presentation()::zoomOut);
        stage.setFullScreenExitHint("F11 or Esc leaves full screen");
        // Esc is the main window's (it ends a running tour before it leaves full screen)
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        window.presentation().fullScreenProperty().addListener((obs, was, is) -> stage.setFullScreen(is));
        stage.fullScreenProperty().addListener((obs, was, is) -> {
            // Esc leaves full screen without asking the presentation: follow the stage, and leave
            // lecture mode with it so its zoom is restored
            if (!is && window.presentation().lectureProperty().get()) {
                window.presentation().toggleLecture();
            }
            window.presentation().fullScreenProperty().set(is);
        });
        scene.getStylesheets()
                .add(PixelScopeApp.class.getResource("pixelscope.css").toExternalForm());
        stage.setTitle("PixelScope");
        stage.setScene(scene);
        stage.setMaximized(prefs.maximized());
        stage.setOnCloseRequest(this::confirmClose);
        session.sourceProperty().addListener((obs, was, is) -> stage.setTitle("PixelScope — " + is));
        stage.show();
        openInitialModel();
        String sceneFile = getParameters().getNamed().get("scene");
        if (sceneFile != null) {
            window.scenes().open(Path.of(sceneFile));
        }
        String data = getParameters().getNamed().get("data");
        if (data != null) {
            window.data().open(Path.of(data));
        }
    }

    private void openInitialModel() {
        Optional<Path> autosaved = window.context().session().autosave().found();
        if (autosaved.isPresent() && offerRestore(autosaved.get())) {
            window.restoreAutosave();
            return;
        }
        Optional<Path> last = prefs.lastCheckpoint();
        Path shipped = ModelSession.bestShippedCheckpoint();
        if (last.isPresent()) {
            window.open(last.get());
        } else if (shipped.toFile().isFile()) {
            window.open(shipped);
        } else {
            window.createNew(PixelCnnSpec.chapter());
        }
    }

    /** Asks whether to restore training a crash or a kill left unsaved; Discard deletes the file. */
    private boolean offerRestore(Path file) {
        String when;
        try {
            when = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    .format(java.nio.file.Files.getLastModifiedTime(file)
                            .toInstant()
                            .atZone(java.time.ZoneId.systemDefault()));
        } catch (java.io.IOException e) {
            when = "an earlier session";
        }
        ButtonType restore = new ButtonType("Restore", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        Alert a = new Alert(
                Alert.AlertType.CONFIRMATION,
                "PixelScope closed with training that was not saved. " + "It was autosaved at " + when + " to " + file
                        + ". Restore it?",
                restore,
                discard);
        a.initOwner(window.getScene().getWindow());
        a.setTitle("PixelScope");
        a.setHeaderText("Restore unsaved training?");
        a.getDialogPane().setMinWidth(480);
        if (a.showAndWait().orElse(discard) == restore) {
            return true;
        }
        window.context().session().discardUnsaved();
        return false;
    }

    /** Closing with unsaved work asks Save / Discard / Cancel first; Cancel keeps the window open. */
    private void confirmClose(WindowEvent e) {
        Stage stage = (Stage) window.getScene().getWindow();
        prefs.window(stage.getWidth(), stage.getHeight(), stage.isMaximized());
        e.consume();
        window.unsavedWork().guard("quit PixelScope", this::quit);
    }

    private void quit() {
        jobs.close();
        Platform.exit();
        System.exit(0);
    }
}
