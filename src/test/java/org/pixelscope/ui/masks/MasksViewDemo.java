package org.pixelscope.ui.masks;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.JobRunner;
import org.pixelscope.ui.ModelSession;
import org.pixelscope.ui.StatusModel;

/**
 * Throwaway launcher for looking at the masks view (screenshots): opens {@code /tmp/t300.zip} if
 * present, else an untrained chapter model, and selects output pixel (10, 14), layer 3, and
 * output channel 5 of conv0_A.
 */
public final class MasksViewDemo {

    private MasksViewDemo() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The JavaFX application; nested so the launcher class itself is not an Application. */
    public static final class App extends Application {

        @Override
        public void start(Stage stage) {
            ModelSession session = new ModelSession(JobRunner.threaded(Platform::runLater), MnistData.defaultDir());
            AppContext ctx = new AppContext(session, new StatusModel(),
                    (title, message) -> System.err.println("ERROR " + title + ": " + message));
            MasksView view = new MasksView(ctx);
            MasksViewModel vm = view.viewModel();
            vm.fieldProperty().addListener((obs, o, rf) -> {
                if (rf != null) {
                    vm.selectPixel(10, 14);
                    vm.layerProperty().set(2);
                    vm.outChannelProperty().set(5);
                }
            });
            stage.setTitle("PixelScope: masks view demo");
            stage.setScene(new Scene(view, 1280, 800));
            stage.show();
            Path checkpoint = Path.of("/tmp/t300.zip");
            if (Files.exists(checkpoint)) {
                session.open(checkpoint);
            } else {
                session.create(PixelCnnSpec.chapter());
            }
        }
    }
}
