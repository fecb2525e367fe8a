package org.pixelscope.ui.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.JobRunner;
import org.pixelscope.ui.ModelSession;
import org.pixelscope.ui.StatusModel;

/**
 * Throwaway launcher for looking at the sample view (screenshots): opens {@code /tmp/t300.zip}
 * if present, else an untrained chapter model, and plays. Arguments: {@code --completion} to
 * complete test image 7 from its top 12 rows; {@code --stop-at N} to pause at position N.
 */
public final class SampleViewDemo {

    private SampleViewDemo() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The JavaFX application; nested so the launcher class itself is not an Application. */
    public static final class App extends Application {

        @Override
        public void start(Stage stage) {
            List<String> args = getParameters().getRaw();
            ModelSession session = new ModelSession(JobRunner.threaded(Platform::runLater), MnistData.defaultDir());
            AppContext ctx = new AppContext(session, new StatusModel(),
                    (title, message) -> System.err.println("ERROR " + title + ": " + message));
            SampleView view = new SampleView(ctx);
            SampleViewModel vm = view.viewModel();
            vm.speedProperty().set(0.8);
            vm.selectedImageProperty().set(5);
            if (args.contains("--completion")) {
                vm.testImageProperty().set(7);
                vm.keptRowsProperty().set(12);
                vm.completionProperty().set(true);
            }
            int stopAt = args.contains("--stop-at") ? Integer.parseInt(args.get(args.indexOf("--stop-at") + 1)) : -1;
            if (stopAt >= 0) {
                vm.shownProperty().addListener((obs, o, v) -> {
                    if (v.intValue() >= stopAt && vm.playingProperty().get()) {
                        vm.pause();
                    }
                });
            }
            stage.setTitle("PixelScope: sample view demo");
            stage.setScene(new Scene(view, 1280, 800));
            stage.show();
            Path checkpoint = Path.of("/tmp/t300.zip");
            PauseTransition later = new PauseTransition(Duration.millis(300));
            later.setOnFinished(e -> {
                if (Files.exists(checkpoint)) {
                    session.open(checkpoint);
                } else {
                    session.create(PixelCnnSpec.chapter());
                }
            });
            later.play();
        }
    }
}
