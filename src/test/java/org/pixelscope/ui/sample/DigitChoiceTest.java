package org.pixelscope.ui.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pixelscope.model.GatedPixelCnnSpec;
import org.pixelscope.sample.SampleRequest;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.ui.DigitChoice;
import org.pixelscope.ui.ModelSession;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Sample view's digit picker: shown for a conditional model, all digits a row each, or one digit. */
@ExtendWith(ApplicationExtension.class)
class DigitChoiceTest {

    /** The conditional Gated PixelCNN at MNIST's size with 4 maps and 2 layers: samples in a moment. */
    private static final GatedPixelCnnSpec CONDITIONAL =
            new GatedPixelCnnSpec("cond-tiny", "test", 28, 28, 4, 3, 2, 3, 10);

    private static final GatedPixelCnnSpec UNCONDITIONAL = new GatedPixelCnnSpec("tiny", "test", 28, 28, 4, 3, 2, 3);

    private List<String> errors;
    private ModelSession session;
    private SampleView view;

    @Start
    void start(Stage stage) {
        SampleViewOnStage on = new SampleViewOnStage(stage, 1100, 760);
        session = on.session;
        view = on.view;
        errors = on.errors;
    }

    @Test
    void drawsAllDigitsARowEachOrTheChosenOne(FxRobot robot) throws Exception {
        SampleViewModel vm = view.viewModel();
        DigitChoice picker = robot.lookup("#digit")
                                .queryAs(javafx.scene.control.ComboBox.class)
                                .getParent()
                        instanceof DigitChoice p
                ? p
                : null;
        assertThat(picker).isNotNull();
        assertThat(picker.isVisible()).as("no model yet: nothing to choose").isFalse();

        SampleRequest all = generate(robot, () -> {
            vm.countProperty().set(3);
            session.create(CONDITIONAL);
        });
        assertThat(picker.isVisible()).isTrue();
        assertThat(picker.box().getItems()).hasSize(11).startsWith(Generation.ALL_DIGITS, 0, 1);
        assertThat(picker.box().getValue()).isEqualTo(Generation.ALL_DIGITS);
        assertThat(all.labels())
                .containsExactly(
                        0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9);
        assertThat(vm.traceProperty().get().columns()).as("one row per digit").isEqualTo(3);

        SampleRequest seven = generate(robot, () -> picker.box().setValue(7));
        assertThat(vm.digitProperty().get()).isEqualTo(7);
        assertThat(seven.labels()).containsExactly(7, 7, 7);
        assertThat(vm.traceProperty().get().columns()).isEqualTo(2);

        // 16 per digit would pass the 64-image limit: 6 each
        SampleRequest capped = generate(robot, () -> {
            vm.countProperty().set(16);
            picker.box().setValue(Generation.ALL_DIGITS);
        });
        assertThat(capped.labels()).hasSize(60);

        SampleRequest plain = generate(robot, () -> session.create(UNCONDITIONAL));
        assertThat(picker.isVisible())
                .as("an unconditional model draws no chosen digit")
                .isFalse();
        assertThat(plain.labels()).isNull();
        assertThat(plain.count()).isEqualTo(16);
        assertThat(errors).isEmpty();
    }

    @Test
    void labelsFollowTheSettings() {
        Generation.Settings one = new Generation.Settings(5, 1, 1.0, false, 0, 14, 4);
        assertThat(Generation.labels(10, one)).containsExactly(4, 4, 4, 4, 4);
        assertThat(Generation.labels(0, one)).isNull();
        Generation.Settings all = new Generation.Settings(2, 1, 1.0, false, 0, 14, Generation.ALL_DIGITS);
        assertThat(Generation.labels(3, all)).containsExactly(0, 0, 1, 1, 2, 2);
        assertThat(Generation.labels(100, all))
                .as("the first 64 classes, one each")
                .hasSize(64);
    }

    /** Runs {@code action} on the FX thread and waits until its generation is drawn; returns its request. */
    private SampleRequest generate(FxRobot robot, Runnable action) throws Exception {
        SampleViewModel vm = view.viewModel();
        SampleTrace before = vm.traceProperty().get();
        robot.interact(action);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> {
            SampleTrace t = vm.traceProperty().get();
            return t != null && t != before && t.complete();
        });
        WaitForAsyncUtils.waitForFxEvents();
        Supplier<SampleRequest> request = vm::currentRequest;
        return WaitForAsyncUtils.asyncFx(request::get).get(10, TimeUnit.SECONDS);
    }
}
