package org.pixelscope.ui.train;

import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.JobRunner;
import org.pixelscope.ui.ModelSession;
import org.pixelscope.ui.StatusModel;

/**
 * Shows the training view alone, training a fresh chapter model on 2,000 images, for looking at
 * it (screenshots) before the main window exists. Not a test. System properties: {@code demo.limit}
 * (training images), {@code demo.logx=true} (log iteration axis), {@code demo.bits=true} (bits/dim), {@code demo.hover=0.6} (a pretend
 * pointer at that fraction of the chart's width after a minute).
 */
public final class TrainViewDemo {

    private TrainViewDemo() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The JavaFX application; a nested class, so the launcher itself is no {@code Application}. */
    public static final class App extends Application {

        @Override
        public void start(Stage stage) {
            ModelSession session = new ModelSession(JobRunner.threaded(Platform::runLater), MnistData.defaultDir());
            StatusModel status = new StatusModel();
            TrainView view = new TrainView(new AppContext(session, status,
                    (title, message) -> System.err.println(title + ": " + message)));
            Label statusBar = new Label();
            statusBar.textProperty().bind(status.jobProperty());
            statusBar.setStyle("-fx-padding: 4 10 4 10; -fx-border-color: #d0d0d0; -fx-border-width: 1 0 0 0;");
            statusBar.setMaxWidth(Double.MAX_VALUE);
            stage.setTitle("PixelScope: training");
            stage.setScene(new Scene(new BorderPane(view, null, null, statusBar, null), 1280, 800));
            stage.show();
            session.create(PixelCnnSpec.chapter()).thenRun(() -> {
                Hyperparameters h = view.viewModel().hyperparameters();
                h.limitProperty().set(Integer.getInteger("demo.limit", 2000));
                h.batchSizeProperty().set(32);
                h.epochsProperty().set(3);
                view.toggleTraining();
            });
            if (Boolean.getBoolean("demo.logx")) {
                ((ToggleButton) view.lookup("#log-x")).setSelected(true);
            }
            if (Boolean.getBoolean("demo.bits")) {
                ((ToggleButton) view.lookup("#unit-bits")).setSelected(true);
            }
            pointAtChart(view.chart(), Double.parseDouble(System.getProperty("demo.hover", "-1")));
        }

        /** Puts a pretend pointer over the chart after a minute, so a screenshot shows the readout. */
        private static void pointAtChart(LossChart chart, double fraction) {
            if (fraction < 0) {
                return;
            }
            PauseTransition later = new PauseTransition(Duration.seconds(60));
            later.setOnFinished(e -> Event.fireEvent(chart, new MouseEvent(MouseEvent.MOUSE_MOVED,
                    chart.getWidth() * fraction, chart.getHeight() / 2, 0, 0, MouseButton.NONE, 0, false, false, false,
                    false, false, false, false, false, false, false, null)));
            later.play();
        }
    }
}
