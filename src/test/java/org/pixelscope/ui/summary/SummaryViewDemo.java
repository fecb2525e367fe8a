package org.pixelscope.ui.summary;

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

/** Shows the summary view alone for the chapter model, for looking at it. Not a test. */
public final class SummaryViewDemo {

    private SummaryViewDemo() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The JavaFX application; a nested class, so the launcher itself is no {@code Application}. */
    public static final class App extends Application {

        @Override
        public void start(Stage stage) {
            ModelSession session = new ModelSession(JobRunner.threaded(Platform::runLater), MnistData.defaultDir());
            SummaryView view = new SummaryView(new AppContext(session, new StatusModel(),
                    (title, message) -> System.err.println(title + ": " + message)));
            stage.setTitle("PixelScope: model summary");
            stage.setScene(new Scene(view, 1280, 800));
            stage.show();
            session.create(PixelCnnSpec.chapter());
        }
    }
}
