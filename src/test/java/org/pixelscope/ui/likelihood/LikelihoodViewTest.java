package org.pixelscope.ui.likelihood;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pixelscope.data.MnistData;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.JobRunner;
import org.pixelscope.ui.ModelSession;
import org.pixelscope.ui.StatusModel;
import org.pixelscope.ui.TestAutosave;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class LikelihoodViewTest {

    private final List<String> errors = new CopyOnWriteArrayList<>();
    private ModelSession session;
    private LikelihoodView view;

    @Start
    void start(Stage stage) {
        session =
                new ModelSession(JobRunner.threaded(Platform::runLater), MnistData.defaultDir(), TestAutosave.folder());
        view = new LikelihoodView(new AppContext(session, new StatusModel(), (t, m) -> errors.add(t + ": " + m)));
        stage.setScene(new Scene(view, 1000, 760));
        stage.show();
    }

    @Test
    void showsTheMapOfTestImageZeroAndADragOnTheImageChangesTheTotal(FxRobot robot) throws Exception {
        session.open(ModelSession.shippedCheckpoint()).get(120, SECONDS);
        WaitForAsyncUtils.waitFor(
                60, SECONDS, () -> fx(() -> view.viewModel().mapProperty().get()) != null);
        WaitForAsyncUtils.waitForFxEvents();
        LikelihoodMap first = fx(() -> view.viewModel().mapProperty().get());
        assertThat(fx(() -> view.viewModel().testIndexProperty().get())).isZero();
        String total =
                fx(() -> robot.lookup("#likelihood-total").queryAs(Label.class).getText());
        assertThat(total).isEqualTo(String.format(java.util.Locale.ROOT, "NLL %.2f nats", first.total()));
        assertThat(fx(() ->
                        robot.lookup("#likelihood-caption").queryAs(Label.class).getText()))
                .startsWith("Test image 0, label 7");

        // test image 0 is a 7: its bottom-left corner is background, so a stroke there adds ink
        Bounds image = fx(() -> robot.lookup("#likelihood-image")
                .query()
                .localToScreen(robot.lookup("#likelihood-image").query().getBoundsInLocal()));
        double cell = image.getWidth() / 28;
        Point2D from = new Point2D(image.getMinX() + 3.5 * cell, image.getMinY() + 22.5 * cell);
        robot.moveTo(from);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() ->
                        robot.lookup("#likelihood-pixel").queryAs(Label.class).getText()))
                .startsWith("Row 22, column 3\n(pixel 619 in raster order)\nx = 0\n");
        robot.drag(from, MouseButton.PRIMARY).moveBy(6 * cell, 0).drop();
        WaitForAsyncUtils.waitFor(10, SECONDS, () -> {
            LikelihoodMap m = fx(() -> view.viewModel().mapProperty().get());
            return m != first && m.pixels()[22 * 28 + 9] == 1f;
        });
        WaitForAsyncUtils.waitForFxEvents();
        LikelihoodMap drawn = fx(() -> view.viewModel().mapProperty().get());
        assertThat(fx(() -> view.viewModel().sourceProperty().get())).isEqualTo(LikelihoodViewModel.Source.DRAWN);
        assertThat(drawn.total()).isGreaterThan(first.total() + 1);
        for (int c = 3; c <= 9; c++) {
            assertThat(drawn.pixels()[22 * 28 + c]).as("column %d", c).isEqualTo(1f);
        }
        assertThat(fx(() ->
                        robot.lookup("#likelihood-total").queryAs(Label.class).getText()))
                .isEqualTo(String.format(java.util.Locale.ROOT, "NLL %.2f nats", drawn.total()));
        assertThat(fx(() ->
                        robot.lookup("#likelihood-caption").queryAs(Label.class).getText()))
                .isEqualTo("Your drawing");
        assertThat(errors).isEmpty();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, SECONDS);
    }
}
