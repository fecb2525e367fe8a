package org.pixelscope.ui.masks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pixelscope.data.MnistData;
import org.pixelscope.inspect.ReceptiveField;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.JobRunner;
import org.pixelscope.ui.ModelSession;
import org.pixelscope.ui.StatusModel;
import org.pixelscope.ui.TestAutosave;
import org.pixelscope.ui.field.FieldCanvas;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MasksViewTest {

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
    void showsA7x7MaskAWithTheCentreBlockedAndA3x3MaskBWithTheCentreAllowed(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#masks-message").queryAs(Label.class).getText())
                .contains("No model");
        load(robot);
        MaskGridView a = robot.lookup("#mask-A").queryAs(MaskGridView.class);
        MaskGridView b = robot.lookup("#mask-B").queryAs(MaskGridView.class);
        assertThat(a.grid().layer()).isEqualTo("conv0_A");
        assertThat(robot.from(a).lookup(".mask-cell").queryAll()).hasSize(49);
        assertThat(robot.from(a).lookup(".blocked").queryAll())
                .as("centre, 3 to its right, 3 rows below")
                .hasSize(25);
        Node centreA = robot.from(a).lookup(".centre").query();
        assertThat((int[]) centreA.getUserData()).containsExactly(3, 3);
        assertThat(centreA.getStyleClass()).contains("blocked");
        assertThat(robot.from(b).lookup(".mask-cell").queryAll()).hasSize(9);
        assertThat(robot.from(b).lookup(".blocked").queryAll()).hasSize(4);
        Node centreB = robot.from(b).lookup(".centre").query();
        assertThat((int[]) centreB.getUserData()).containsExactly(1, 1);
        assertThat(centreB.getStyleClass()).contains("allowed");
        Set<Node> cards = robot.lookup(".mask-card").queryAll();
        assertThat(cards)
                .as("one card per distinct mask, B used by five layers")
                .hasSize(2);
        assertThat(robot.lookup("#masks-message").queryAs(Label.class).isVisible())
                .isFalse();
        assertThat(errors).isEmpty();
    }

    @Test
    void clickingAPixelShowsItsFieldAfterEachLayerAndTheBlindSpot(FxRobot robot) throws Exception {
        load(robot);
        MasksViewModel vm = view.viewModel();
        FieldCanvas big = view.fieldGrid();
        double cell = big.cell();
        Point2D screen = WaitForAsyncUtils.asyncFx(() -> big.localToScreen((14 + 0.5) * cell, (10 + 0.5) * cell))
                .get();
        robot.clickOn(screen);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.pixelRowProperty().get()).isEqualTo(10);
        assertThat(vm.pixelColProperty().get()).isEqualTo(14);
        assertThat(robot.lookup("#field-caption").queryAs(Label.class).getText())
                .contains("row 10, column 14");

        ReceptiveField rf = vm.fieldProperty().get();
        List<String> layers = rf.layers();
        assertThat(layers)
                .hasSize(robot.lookup(".layer-field").queryAll().size())
                .startsWith("conv0_A");
        int previous = 0;
        for (String layer : layers) {
            int n = count(rf.field(layer, 10, 14));
            assertThat(n).as("the field grows (or stays) with depth: %s", layer).isGreaterThanOrEqualTo(previous);
            previous = n;
        }
        assertThat(count(rf.field("conv0_A", 10, 14))).isEqualTo(24);
        // the blind spot to the upper right stays in every layer: (9, 20) is before (10, 14) but never read
        for (String layer : layers) {
            assertThat(rf.field(layer, 10, 14)[9][20]).as(layer).isFalse();
        }
        assertThat(rf.blindSpotSize(10, 14)).isPositive();

        // the large grid shows a read pixel blue and the blind spot vermillion (the colour language)
        robot.interact(() -> vm.layerProperty().set(layers.size() - 1));
        WritableImage shot =
                WaitForAsyncUtils.asyncFx(() -> big.snapshot(null, null)).get();
        Color seen = shot.getPixelReader().getColor((int) ((13 + 0.2) * cell), (int) ((9 + 0.8) * cell));
        Color blind = shot.getPixelReader().getColor((int) ((20 + 0.2) * cell), (int) ((9 + 0.2) * cell));
        assertThat(rf.outputField(10, 14)[9][13]).isTrue();
        assertThat(seen.getBlue()).as("blue: read").isGreaterThan(seen.getRed());
        assertThat(blind.getRed()).as("vermillion: blind spot").isGreaterThan(blind.getBlue());
        assertThat(errors).isEmpty();
    }

    @Test
    void theKernelHeatMapShowsMaskedTapsAsBlocked(FxRobot robot) throws Exception {
        load(robot);
        MasksViewModel vm = view.viewModel();
        KernelWeights k = vm.kernelProperty().get();
        assertThat(k.layer()).isEqualTo("conv0_A");
        assertThat(k.values()).hasNumberOfRows(7);
        assertThat(k.values()[3][3])
                .as("the mask keeps blocked weights at exactly 0")
                .isZero();
        assertThat(k.values()[6][0]).isZero();
        KernelHeatMap heat = view.kernelHeatMap();
        double cell = Math.floor(heat.getWidth() / 7);
        WritableImage shot =
                WaitForAsyncUtils.asyncFx(() -> heat.snapshot(null, null)).get();
        Color blocked = shot.getPixelReader().getColor((int) (0.5 * cell), (int) (6.12 * cell));
        assertThat(blocked).isEqualTo(HeatColors.BLOCKED);
        Color allowed = shot.getPixelReader().getColor((int) (0.5 * cell), (int) (0.5 * cell));
        Color expected = HeatColors.diverging(k.values()[0][0], k.maxAbs());
        assertThat(allowed.getRed()).isCloseTo(expected.getRed(), offset(0.01));
        assertThat(allowed.getBlue()).isCloseTo(expected.getBlue(), offset(0.01));

        robot.interact(() -> {
            vm.kernelLayerProperty().set("conv2_B");
            vm.outChannelProperty().set(9);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            KernelWeights w = vm.kernelProperty().get();
            return w != null && w.layer().equals("conv2_B") && w.outChannel() == 9;
        });
        KernelWeights b = vm.kernelProperty().get();
        assertThat(b.values()).hasNumberOfRows(3);
        assertThat(b.inChannels()).isEqualTo(64);
        assertThat(b.values()[2][2]).isZero();
        assertThat(errors).isEmpty();
    }

    private void load(FxRobot robot) throws Exception {
        robot.interact(() -> session.create(PixelCnnSpec.chapter()));
        MasksViewModel vm = view.viewModel();
        WaitForAsyncUtils.waitFor(
                180,
                TimeUnit.SECONDS,
                () -> vm.fieldProperty().get() != null && vm.kernelProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(errors).isEmpty();
    }

    private static int count(boolean[][] field) {
        int n = 0;
        for (boolean[] row : field) {
            for (boolean b : row) {
                n += b ? 1 : 0;
            }
        }
        return n;
    }
}
