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
        QuietStdout.install();
    }

    @Override
    public void start(Stage stage) {
        prefs = AppPreferences.user();
        jobs = JobRunner.threaded(Platform::runLater);
        ModelSession session = new ModelSession(jobs, MnistData.defaultDir());
        ErrorReporter errors = (title, message) -> {
            Alert a = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
            a.initOwner(stage);
            a.setTitle("PixelScope");
            a.setHeaderText(title);
            a.getDialogPane().setMinWidth(480);
            a.show();
        };
        AppContext ctx = new AppContext(session, new StatusModel(), errors);
        window = new MainWindow(ctx, prefs);
        ZoomPane zoomed = new ZoomPane(window);
        zoomed.zoomProperty().bind(window.presentation().zoomProperty());
        Scene scene = new Scene(zoomed, prefs.width(), prefs.height());
        // Ctrl+plus arrives as Ctrl+'+' on some layouts and Ctrl+numpad-add on others
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Add"), window.presentation()::zoomIn);
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Plus"), window.presentation()::zoomIn);
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Subtract"), window.presentation()::zoomOut);
        stage.setFullScreenExitHint("F11 or Esc leaves full screen");
        window.presentation().fullScreenProperty().addListener((obs, was, is) -> stage.setFullScreen(is));
        stage.fullScreenProperty().addListener((obs, was, is) -> {
            // Esc leaves full screen without asking the presentation: follow the stage, and leave
            // lecture mode with it so its zoom is restored
            if (!is && window.presentation().lectureProperty().get()) {
                window.presentation().toggleLecture();
            }
            window.presentation().fullScreenProperty().set(is);
        });
        scene.getStylesheets().add(PixelScopeApp.class.getResource("pixelscope.css").toExternalForm());
        stage.setTitle("PixelScope");
        stage.setScene(scene);
        stage.setMaximized(prefs.maximized());
        stage.setOnCloseRequest(this::confirmClose);
        session.sourceProperty().addListener((obs, was, is) -> stage.setTitle("PixelScope — " + is));
        stage.show();
        openInitialModel();
    }

    private void openInitialModel() {
        Optional<Path> last = prefs.lastCheckpoint();
        Path shipped = ModelSession.shippedCheckpoint();
        if (last.isPresent()) {
            window.open(last.get());
        } else if (shipped.toFile().isFile()) {
            window.open(shipped);
        } else {
            window.createNew(PixelCnnSpec.chapter());
        }
    }

    /** Closing while training asks whether to save first; Cancel keeps the window open. */
    private void confirmClose(WindowEvent e) {
        Stage stage = (Stage) window.getScene().getWindow();
        prefs.window(stage.getWidth(), stage.getHeight(), stage.isMaximized());
        if (!window.context().session().isTraining()) {
            quit();
            return;
        }
        e.consume();
        ButtonType save = new ButtonType("Save and Quit", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Quit Without Saving", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION,
                "Training is still running. Save a checkpoint of the current weights before quitting?",
                save, discard, ButtonType.CANCEL);
        a.initOwner(stage);
        a.setHeaderText("Quit PixelScope?");
        a.showAndWait().ifPresent(choice -> {
            if (choice == ButtonType.CANCEL) {
                return;
            }
            window.views().stopTrainingAndWait().whenCompleteAsync((v, err) -> {
                if (choice == save) {
                    // a failed save shows its dialog and keeps the window open
                    window.save(false).thenRunAsync(this::quit, jobs.fx());
                } else {
                    quit();
                }
            }, jobs.fx());
        });
    }

    private void quit() {
        jobs.close();
        Platform.exit();
        System.exit(0);
    }
}
