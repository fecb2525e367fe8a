package org.pixelscope.ui;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.pixelscope.data.MnistData;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real main window for GUI tests: a session on the shipped MNIST with worker threads, the
 * window at 1280x800 on the test's stage, preferences in the test's own node, and every error the
 * app would show collected in {@code errors} (tests assert it stays empty).
 */
final class WindowFixture {

    private WindowFixture() {}

    /** Builds the window on {@code stage}; errors go to {@code errors}. Thread: FX (a {@code @Start} method). */
    static MainWindow show(Stage stage, Preferences node, List<String> errors) {
        ModelSession session =
                new ModelSession(JobRunner.threaded(Platform::runLater), MnistData.defaultDir(), TestAutosave.folder());
        AppContext ctx =
                new AppContext(session, new StatusModel(), (title, message) -> errors.add(title + ": " + message));
        MainWindow window = new MainWindow(ctx, new AppPreferences(node));
        stage.setScene(new Scene(window, 1280, 800));
        stage.show();
        return window;
    }

    /** Runs {@code call} on the FX thread and returns its value. */
    static <T> T onFx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(30, TimeUnit.SECONDS);
    }

    /** Waits (up to 3 minutes: the real back end on a busy machine) for {@code f}, then for pending FX events. */
    static <T> T await(CompletableFuture<T> f) throws Exception {
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, f::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        return f.get();
    }
}
