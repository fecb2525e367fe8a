package org.pixelscope.ui.summary;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.matcher.control.LabeledMatchers.hasText;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.PixelCnnSpec;
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
class SummaryViewTest {

    private final List<String> errors = new CopyOnWriteArrayList<>();
    private ModelSession session;
    private SummaryView view;

    @Start
    void start(Stage stage) {
        session =
                new ModelSession(JobRunner.threaded(Platform::runLater), MnistData.defaultDir(), TestAutosave.folder());
        view = new SummaryView(new AppContext(session, new StatusModel(), (t, m) -> errors.add(t + ": " + m)));
        stage.setScene(new Scene(view, 1100, 600));
        stage.show();
    }

    @Test
    void theSummaryTableShows187905TrainableParameters(FxRobot robot) throws Exception {
        assertThat(fx(() -> view.viewModel().rows().size())).isZero();
        session.create(PixelCnnSpec.chapter()).get(120, SECONDS);
        WaitForAsyncUtils.waitFor(
                60, SECONDS, () -> fx(() -> view.viewModel().summaryProperty().get()) != null);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(fx(() ->
                        robot.lookup("#trainable-params").queryAs(Label.class).getText()))
                .isEqualTo("187,905");
        assertThat(fx(() -> robot.lookup("#total-params").queryAs(Label.class).getText()))
                .isEqualTo("187,905");
        assertThat(fx(() -> robot.lookup("#non-trainable-params")
                        .queryAs(Label.class)
                        .getText()))
                .isEqualTo("0");
        // mask A 7x7 blocks 25 taps of 64 filters, each mask B 3x3 blocks 4 taps of 64x64
        assertThat(fx(() -> robot.lookup("#masked-zeros").queryAs(Label.class).getText()))
                .isEqualTo("83,520");
        TableView<?> table = robot.lookup("#summary-table").queryTableView();
        assertThat(fx(() -> table.getItems().size())).isEqualTo(9);
        assertThat(robot.lookup(hasText("conv0_A")).tryQuery()).isPresent();
        assertThat(robot.lookup(hasText("MaskedConv2D 7x7")).tryQuery()).isPresent();
        assertThat(robot.lookup(hasText("(None, 28, 28, 64)")).tryQuery()).isPresent();
        assertThat(fx(() -> robot.lookup("#copy-summary").queryAs(Button.class).isDisabled()))
                .isFalse();
        assertThat(fx(() -> view.viewModel().text()))
                .contains("Trainable params: 187,905")
                .contains("conv0_A (MaskedConv2D 7x7, mask A)");
        assertThat(errors).isEmpty();
    }

    @Test
    void withoutAModelTheViewSaysWhatToDo(FxRobot robot) throws Exception {
        assertThat(fx(() -> view.viewModel().titleProperty().get())).startsWith("No model");
        assertThat(fx(() -> view.viewModel().text())).isEmpty();
        assertThat(fx(() -> robot.lookup("#copy-summary").queryAs(Button.class).isDisabled()))
                .isTrue();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, SECONDS);
    }
}
