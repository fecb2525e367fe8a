package org.pixelscope.ui.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.image.PixelReader;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.sample.PixelStep;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.ui.ModelSession;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Sample view of a model with K grey levels: the current pixel's K-bar histogram, and the grid in greys. */
@ExtendWith(ApplicationExtension.class)
class GreyLevelsSampleViewTest {

    private static final int W = 28;
    private static final int HW = 28 * 28;
    private static final int K = 4;

    private List<String> errors;
    private ModelSession session;
    private SampleView view;

    @Start
    void start(Stage stage) {
        // about the room the view has in the app's first window (1280 x 800, less the menu, model
        // bar, data line, tabs and status line)
        SampleViewOnStage on = new SampleViewOnStage(stage, 1100, 640);
        session = on.session;
        view = on.view;
        errors = on.errors;
    }

    @Test
    void theCurrentPixelShowsAKBarHistogramWithTheDrawnLevelMarkedAndTheGridIsGrey(FxRobot robot) throws Exception {
        SampleViewModel vm = view.viewModel();
        robot.interact(() -> {
            vm.countProperty().set(4);
            vm.pause();
            session.create(PixelCnnSpec.chapter().withLevels(K));
        });
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> {
            SampleTrace t = vm.traceProperty().get();
            return t != null && t.complete() && vm.computedProperty().get() == HW;
        });
        WaitForAsyncUtils.waitForFxEvents();
        ProbabilityBar bar = view.context().probability();
        assertThat(bar.bars()).as("no pixel shown yet").isZero();
        assertThat(bar.text()).contains("p(x = v | pixels before), v = 0..3").contains("No pixel drawn yet");

        robot.interact(() -> {
            for (int i = 0; i < 12; i++) {
                view.stepRow();
            }
            for (int i = 0; i < 9; i++) {
                view.stepPixel();
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        PixelStep step = vm.currentStep();
        assertThat(step.categorical()).isTrue();
        assertThat(bar.bars()).isEqualTo(K);
        assertThat(bar.marked()).isEqualTo(step.value());
        // in sight without scrolling the side panel, right under the zoomed pixel
        javafx.scene.Node holder = bar;
        while (holder != null && !(holder instanceof javafx.scene.control.ScrollPane)) {
            holder = holder.getParent();
        }
        double visibleBottom = holder == null
                ? view.getScene().getHeight()
                : holder.localToScene(holder.getBoundsInLocal()).getMaxY();
        assertThat(bar.localToScene(bar.getBoundsInLocal()).getMaxY())
                .as("the histogram's bottom against the visible bottom of its panel")
                .isLessThanOrEqualTo(visibleBottom);
        assertThat(bar.text())
                .contains(String.format(
                        java.util.Locale.ROOT, "p(x = %d | pixels before) = %.3f", step.value(), step.probability()))
                .contains("drew level " + step.value() + " of 0..3");

        // every shown cell in the grey of its level; a fresh model draws more than black and white
        SampleTrace trace = vm.traceProperty().get();
        PixelReader shot = WaitForAsyncUtils.asyncFx(() -> view.grid().canvas().snapshot(null, null))
                .get(10, TimeUnit.SECONDS)
                .getPixelReader();
        GridCanvas grid = view.grid();
        boolean[] seen = new boolean[K];
        int shown = vm.shownProperty().get();
        for (int i = 0; i < 4; i++) {
            for (int p = 0; p < shown; p++) {
                Point2D c = grid.cellCentre(i, p / W, p % W);
                int level = trace.value(i, p);
                seen[level] = true;
                assertThat(shot.getArgb((int) c.getX(), (int) c.getY()) & 0xFFFFFF)
                        .as("image %d position %d, level %d", i, p, level)
                        .isEqualTo(rgb(Color.gray(level / (double) (K - 1))));
            }
        }
        assertThat(seen).as("levels on show").containsExactly(true, true, true, true);
        assertThat(view.hoverText(new int[] {0, shown - 1})).contains("drew level " + trace.value(0, shown - 1));
        assertThat(errors).isEmpty();
    }

    private static int rgb(Color c) {
        return (int) Math.round(c.getRed() * 255) << 16
                | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }
}
