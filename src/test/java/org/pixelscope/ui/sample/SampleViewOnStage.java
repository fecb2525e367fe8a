package org.pixelscope.ui.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.pixelscope.data.MnistData;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.JobRunner;
import org.pixelscope.ui.ModelSession;
import org.pixelscope.ui.StatusModel;
import org.pixelscope.ui.TestAutosave;

/**
 * A Sample view shown on a TestFX stage, over a real session whose jobs run on worker threads (the
 * app's set-up, less the main window); the errors the view reports to the user are collected in
 * {@link #errors}. Built in a test's {@code @Start} method, on the FX thread.
 */
final class SampleViewOnStage {

    final List<String> errors = new CopyOnWriteArrayList<>();
    final ModelSession session;
    final SampleView view;

    SampleViewOnStage(Stage stage, double width, double height) {
        session =
                new ModelSession(JobRunner.threaded(Platform::runLater), MnistData.defaultDir(), TestAutosave.folder());
        view = new SampleView(
                new AppContext(session, new StatusModel(), (title, message) -> errors.add(title + ": " + message)));
        stage.setScene(new Scene(view, width, height));
        stage.show();
    }
}
