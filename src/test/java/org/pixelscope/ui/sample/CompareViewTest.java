package org.pixelscope.ui.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pixelscope.model.GatedPixelCnnSpec;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.ui.ModelSession;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Choosing a model in "Compare with" shows a second pane, and Step pixel advances both panes. */
@ExtendWith(ApplicationExtension.class)
class CompareViewTest {

    private static final PixelCnnSpec TINY = new PixelCnnSpec("tiny", "test", 8, 8, 4, 3, 1, 3, false);

    private List<String> errors;
    private ModelSession session;
    private SampleView view;

    @Start
    void start(Stage stage) {
        SampleViewOnStage on = new SampleViewOnStage(stage, 1280, 800);
        session = on.session;
        view = on.view;
        errors = on.errors;
    }

    @Test
    void choosingAModelShowsASecondPaneAndAStepAdvancesBoth(FxRobot robot) throws Exception {
        SampleViewModel vm = view.viewModel();
        robot.interact(() -> {
            vm.countProperty().set(4);
            vm.pause();
            session.create(TINY);
        });
        WaitForAsyncUtils.waitFor(
                60, TimeUnit.SECONDS, () -> complete(vm.traceProperty().get()));
        assertThat(view.getCenter()).isSameAs(view.grid());

        robot.clickOn("#compare-with");
        robot.clickOn("New: " + GatedPixelCnnSpec.standard().name() + " (untrained)");
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> complete(vm.comparison().traceProperty().get())
                        && complete(vm.traceProperty().get())
                        && vm.comparison().fieldProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        CompareLayout layout = view.compareLayout();
        assertThat(layout.getScene()).as("the two panes are on show").isNotNull();
        assertThat(view.getRight()).as("the panes carry their own context").isNull();
        assertThat(layout.left().caption()).startsWith("tiny");
        assertThat(layout.right().caption()).startsWith("pixelcnn-gated");
        assertThat(layout.right().grid().scale()).as("readable cells").isGreaterThanOrEqualTo(4);
        assertThat(vm.shownProperty().get()).isZero();

        robot.clickOn("#step-pixel");
        robot.clickOn("#step-pixel");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.shownProperty().get()).isEqualTo(2);
        assertThat(layout.left().pixelText()).isEqualTo("Image 1 · pixel (0, 1)");
        assertThat(layout.left().probability().text()).startsWith("p(x = 1) = ");
        assertThat(layout.right().pixelText()).isEqualTo("Image 1 · pixel (0, 1)");
        assertThat(layout.right().probability().text()).startsWith("p(x = 1) = ");

        PixelModel compared = vm.comparison().modelProperty().get().model();
        robot.clickOn("#compare-with");
        robot.clickOn("None (one model)");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, compared::isClosed);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.getCenter()).isSameAs(view.grid());
        assertThat(layout.getScene()).isNull();
        assertThat(errors).isEmpty();
    }

    private static boolean complete(SampleTrace t) {
        return t != null && t.complete();
    }
}
