package org.pixelscope.ui.masks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
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

/** The Masks view of a PixelCNN with 16 grey levels: the binary model's masks, and no error from the K logits. */
@ExtendWith(ApplicationExtension.class)
class GreyLevelsMasksViewTest {

    private final List<String> errors = new CopyOnWriteArrayList<>();
    private ModelSession session;
    private MasksView view;

    @Start
    void start(Stage stage) {
        session =
                new ModelSession(JobRunner.threaded(Platform::runLater), MnistData.defaultDir(), TestAutosave.folder());
        view = new MasksView(
                new AppContext(session, new StatusModel(), (title, message) -> errors.add(title + ": " + message)));
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
    }

    @Test
    void showsTheMasksAndTheFieldOfTheBinaryModel(FxRobot robot) throws Exception {
        robot.interact(() -> session.create(PixelCnnSpec.chapter().withLevels(16)));
        MasksViewModel vm = view.viewModel();
        WaitForAsyncUtils.waitFor(
                180,
                TimeUnit.SECONDS,
                () -> vm.fieldProperty().get() != null && vm.kernelProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        MaskGridView a = robot.lookup("#mask-A").queryAs(MaskGridView.class);
        assertThat(robot.from(a).lookup(".blocked").queryAll()).hasSize(25);
        assertThat(robot.lookup(".mask-card").queryAll()).hasSize(2);
        // the output at (14, 14) reads pixels above and to the left, never itself or later ones
        boolean[][] field = vm.fieldProperty().get().outputField(14, 14);
        assertThat(field[13][14]).isTrue();
        assertThat(field[14][14]).isFalse();
        assertThat(field[15][14]).isFalse();
        assertThat(errors).isEmpty();
    }
}
