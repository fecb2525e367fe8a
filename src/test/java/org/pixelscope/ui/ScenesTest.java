package org.pixelscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pixelscope.ui.masks.MasksViewModel;
import org.pixelscope.ui.sample.SampleViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A scene saved from a real window restores the model, view, theme and the views' state. */
@ExtendWith(ApplicationExtension.class)
class ScenesTest {

    private static final Preferences NODE = Preferences.userRoot().node("org/pixelscope/test-scenes");

    private final List<String> errors = new CopyOnWriteArrayList<>();
    private MainWindow window;
    private ModelSession session;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        window = WindowFixture.show(stage, NODE, errors);
        session = window.context().session();
    }

    @AfterAll
    static void forget() throws Exception {
        NODE.removeNode();
        Platform.runLater(() -> Theme.LIGHT.apply(null));
    }

    @Test
    void aSavedSceneComesBackAsItWas(FxRobot robot) throws Exception {
        WindowFixture.await(WindowFixture.onFx(() -> session.open(ModelSession.shippedCheckpoint())));
        SampleViewModel sample = window.views().sample().viewModel();
        MasksViewModel masks = window.views().masks().viewModel();
        robot.interact(() -> {
            sample.countProperty().set(4);
            sample.seedProperty().set(11);
            sample.temperatureProperty().set(0.8);
            sample.resetShowing(100);
            masks.selectPixel(10, 12);
            window.themeProperty().set(Theme.DARK);
            window.selectTab(2);
        });
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> sample.shownProperty().get() == 100);
        Path file = tmp.resolve("demo." + SceneFile.EXTENSION);
        WindowFixture.await(WindowFixture.onFx(() -> window.scenes().save(file)));

        robot.interact(() -> {
            sample.seedProperty().set(5);
            sample.countProperty().set(16);
            masks.selectPixel(3, 3);
            window.themeProperty().set(Theme.LIGHT);
            window.selectTab(0);
        });
        SceneFile.Scene scene =
                WindowFixture.await(WindowFixture.onFx(() -> window.scenes().open(file)));

        assertThat(scene.view()).isEqualTo("masks");
        assertThat(window.selectedTab()).isEqualTo("Masks");
        assertThat(window.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(sample.seedProperty().get()).isEqualTo(11);
        assertThat(sample.countProperty().get()).isEqualTo(4);
        assertThat(sample.temperatureProperty().get()).isEqualTo(0.8);
        assertThat(masks.pixelRowProperty().get()).isEqualTo(10);
        assertThat(masks.pixelColProperty().get()).isEqualTo(12);
        WaitForAsyncUtils.waitFor(
                120, TimeUnit.SECONDS, () -> sample.shownProperty().get() == 100);
        assertThat(sample.playingProperty().get()).as("restored paused").isFalse();
        assertThat(errors).isEmpty();
    }

    @Test
    void aConditionalModelsDigitComesBack(FxRobot robot) throws Exception {
        Path conditional = org.pixelscope.train.ShippedModels.of("pixelcnn-gated-conditional")
                .orElseThrow()
                .path();
        WindowFixture.await(WindowFixture.onFx(() -> session.open(conditional)));
        SampleViewModel sample = window.views().sample().viewModel();
        robot.interact(() -> {
            sample.countProperty().set(2);
            sample.digitProperty().set(7);
        });
        Path file = tmp.resolve("sevens." + SceneFile.EXTENSION);
        WindowFixture.await(WindowFixture.onFx(() -> window.scenes().save(file)));
        assertThat(SceneFile.read(file).sample().digit()).isEqualTo(7);

        robot.interact(() -> sample.digitProperty().set(SampleViewModel.ALL_DIGITS));
        WindowFixture.await(WindowFixture.onFx(() -> window.scenes().open(file)));

        assertThat(sample.digitProperty().get())
                .as("the digit the scene was saved with")
                .isEqualTo(7);
        assertThat(errors).isEmpty();
    }

    @Test
    void anUntrainedModelGoesIntoASceneByName(FxRobot robot) throws Exception {
        WindowFixture.await(WindowFixture.onFx(() -> session.create(org.pixelscope.model.PixelCnnSpec.chapter())));
        Path file = tmp.resolve("untrained." + SceneFile.EXTENSION);
        WindowFixture.await(WindowFixture.onFx(() -> window.scenes().save(file)));
        assertThat(SceneFile.read(file).model())
                .as("an untrained model goes in by name")
                .isEqualTo("pixelcnn-chapter");
        assertThat(errors).isEmpty();
    }
}
