package org.pixelscope.ui.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.geometry.Point2D;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pixelscope.data.Binarization;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.ui.ModelSession;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class SampleViewTest {

    private static final int W = 28;
    private static final int HW = 28 * 28;

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
    void stepsOnePixelAndExactlyOnePixelOfEachImageChanges(FxRobot robot) throws Exception {
        SampleViewModel vm = view.viewModel();
        generate(robot, v -> {
            v.countProperty().set(4);
            v.pause();
        });
        assertThat(vm.shownProperty().get()).as("paused before the first pixel").isZero();
        robot.interact(() -> {
            for (int i = 0; i < 10; i++) {
                view.stepRow();
            }
            for (int i = 0; i < 5; i++) {
                view.stepPixel();
            }
        });
        int k = 10 * W + 5;
        assertThat(vm.shownProperty().get()).isEqualTo(k);
        int[] before = vm.revealedValues();
        WritableImage shotBefore = snapshotGrid();

        robot.interact(view::stepPixel);

        assertThat(vm.shownProperty().get()).isEqualTo(k + 1);
        int[] after = vm.revealedValues();
        WritableImage shotAfter = snapshotGrid();
        List<Integer> changed = new ArrayList<>();
        for (int j = 0; j < after.length; j++) {
            if (before[j] != after[j]) {
                changed.add(j);
            }
        }
        assertThat(changed)
                .as("one raster position, in each of the 4 images")
                .containsExactly(k, HW + k, 2 * HW + k, 3 * HW + k);
        SampleTrace trace = vm.traceProperty().get();
        for (int i = 0; i < 4; i++) {
            assertThat(before[i * HW + k]).isEqualTo(-1);
            assertThat(after[i * HW + k]).isEqualTo(trace.value(i, k));
        }

        // The rendered grid: every cell's centre (the highlight frame lies outside cells) shows its value.
        GridCanvas grid = view.grid();
        assertThat(grid.scale())
                .as("cells big enough to sample inside the frame")
                .isGreaterThanOrEqualTo(4);
        List<String> renderedChanges = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            for (int p = 0; p < HW; p++) {
                Point2D c = grid.cellCentre(i, p / W, p % W);
                int a = rgb(shotBefore.getPixelReader(), c);
                int b = rgb(shotAfter.getPixelReader(), c);
                assertThat(a).as("image %d position %d before", i, p).isEqualTo(expected(before[i * HW + p]));
                assertThat(b).as("image %d position %d after", i, p).isEqualTo(expected(after[i * HW + p]));
                if (a != b) {
                    renderedChanges.add(i + ":" + p);
                }
            }
        }
        assertThat(renderedChanges).containsExactly("0:" + k, "1:" + k, "2:" + k, "3:" + k);
        assertThat(errors).isEmpty();
    }

    @Test
    void imagesEdgeCellsShowTheirOwnValueToTheEdge(FxRobot robot) throws Exception {
        SampleViewModel vm = view.viewModel();
        generate(robot, v -> {
            v.countProperty().set(9);
            v.speedProperty().set(Playback.FASTEST);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.shownProperty().get() == HW);
        WaitForAsyncUtils.waitForFxEvents();
        GridCanvas grid = view.grid();
        double s = grid.scale();
        assertThat(s)
                .as("whole screen pixels per image pixel")
                .isGreaterThanOrEqualTo(2)
                .isEqualTo(Math.floor(s));
        PixelReader shot = snapshotGrid().getPixelReader();
        int[] values = vm.revealedValues();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < W - 1; j++) {
                // the outermost screen pixels of the border cells: top and bottom rows, left and right columns
                int[][] cells = {{0, j, 0, 0}, {W - 1, j, 0, 1}, {j, 0, 0, 0}, {j, W - 1, 1, 0}};
                for (int[] c : cells) {
                    Point2D centre = grid.cellCentre(i, c[0], c[1]);
                    int x = (int) Math.floor(centre.getX() - s / 2 + c[2] * (s - 1));
                    int y = (int) Math.floor(centre.getY() - s / 2 + c[3] * (s - 1));
                    int expected = rgb(shot, centre);
                    assertThat(expected)
                            .as("centre of image %d cell (%d, %d)", i, c[0], c[1])
                            .isEqualTo(expected(values[i * HW + c[0] * W + c[1]]));
                    int actual = shot.getArgb(x, y) & 0xFFFFFF;
                    if (actual != expected) {
                        wrong.add(String.format(
                                "image %d cell (%d, %d) at (%d, %d): %06x, not %06x",
                                i, c[0], c[1], x, y, actual, expected));
                    }
                }
            }
        }
        assertThat(wrong).as("edge pixels that show another cell or the gutter").isEmpty();
    }

    @Test
    void completionKeepsTheTopRowsOfTheTestImage(FxRobot robot) throws Exception {
        SampleViewModel vm = view.viewModel();
        int kept = 10;
        generate(robot, v -> {
            v.countProperty().set(3);
            v.testImageProperty().set(7);
            v.keptRowsProperty().set(kept);
            v.completionProperty().set(true);
            v.pause();
        });
        assertThat(vm.shownProperty().get()).as("kept rows show at once").isEqualTo(kept * W);
        assertThat(view.context().probability().text()).contains("given");

        float[] original =
                Binarization.STOCHASTIC.binarizeImage(session.mnist().get().test(), 7, Binarization.FIXED_TEST_SEED);
        assertThat(vm.originalProperty().get()).containsExactly(original);
        // the picker's bound is the data set's own test count, read when completion was switched on
        int testImages = session.mnist().get().test().count();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.testImagesProperty().get()).isEqualTo(testImages);
        Spinner<?> picker = robot.lookup("#test-image").queryAs(Spinner.class);
        assertThat(((SpinnerValueFactory.IntegerSpinnerValueFactory) picker.getValueFactory()).getMax())
                .isEqualTo(testImages - 1);
        robot.interact(view::finish);
        assertThat(vm.shownProperty().get()).isEqualTo(HW);
        int[] shown = vm.revealedValues();
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < kept * W; p++) {
                assertThat(shown[i * HW + p]).as("image %d kept pixel %d", i, p).isEqualTo((int) original[p]);
            }
            for (int p = kept * W; p < HW; p++) {
                assertThat(shown[i * HW + p]).isIn(0, 1);
            }
        }
        boolean differ = false;
        for (int p = kept * W; p < HW; p++) {
            differ |= shown[p] != shown[HW + p] || shown[p] != shown[2 * HW + p];
        }
        assertThat(differ).as("each image draws from its own random stream").isTrue();
        assertThat(view.context().probability().text()).contains("pixels before) = ", "Pixel (27, 27)", "drew");
        assertThat(errors).isEmpty();
    }

    @Test
    void exportsAPngAndAnAnimatedGif(FxRobot robot, @TempDir Path dir) throws Exception {
        SampleViewModel vm = view.viewModel();
        generate(robot, v -> {
            v.countProperty().set(2);
            v.speedProperty().set(1.0);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.shownProperty().get() == HW);
        Path png = dir.resolve("grid.png");
        Path gif = dir.resolve("generation.gif");
        robot.interact(() -> {
            view.exportPng(png);
            view.exportGif(gif);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Files.exists(png) && Files.exists(gif));
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isGreaterThan(2 * W);
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true))
                    .as("a frame per row and the empty start")
                    .isEqualTo(29);
            reader.dispose();
        }
        assertThat(errors).isEmpty();
    }

    /** Applies settings, creates an untrained chapter model and waits until the sampler is done. */
    @Test
    void theSelectedImageShowsTheFieldAndHoverNamesTheNumbers(FxRobot robot) throws Exception {
        SampleViewModel vm = view.viewModel();
        generate(robot, v -> {
            v.countProperty().set(4);
            v.pause();
        });
        robot.interact(() -> {
            for (int i = 0; i < 14; i++) {
                view.stepRow();
            }
            for (int i = 0; i < 14; i++) {
                view.stepPixel();
            }
        });
        WaitForAsyncUtils.waitFor(
                180, TimeUnit.SECONDS, () -> vm.fieldProperty().get() != null);
        robot.interact(() -> vm.selectedImageProperty().set(0));
        WaitForAsyncUtils.waitForFxEvents();
        // the current pixel is (14, 13); (13, 13) is read by the chapter model, (0, 0) too far up
        PixelReader shot = snapshotGrid().getPixelReader();
        int readPixel = rgb(shot, view.grid().cellCentre(0, 13, 13));
        int farPixel = rgb(shot, view.grid().cellCentre(0, 0, 0));
        int otherImage = rgb(shot, view.grid().cellCentre(1, 13, 13));
        assertThat(vm.fieldProperty().get().outputField(14, 13)[13][13]).isTrue();
        assertThat(readPixel)
                .as("blue tint on a read pixel of the selected image")
                .isNotIn(expected(0), expected(1));
        assertThat(readPixel & 0xFF).as("blue").isGreaterThan(readPixel >> 16 & 0xFF);
        assertThat(farPixel).as("no tint beyond the field").isIn(expected(0), expected(1));
        assertThat(otherImage).as("other images stay plain").isIn(expected(0), expected(1));

        String drawn = view.hoverText(new int[] {0, 13 * W + 13});
        assertThat(drawn).startsWith("Image 1, pixel (13, 13): p(x = 1) = ").contains("drew ");
        double p = vm.traceProperty().get().step(0, 13 * W + 13).probability();
        assertThat(drawn).contains(String.format(java.util.Locale.ROOT, "%.3f", p));
        assertThat(view.hoverText(new int[] {0, 20 * W})).endsWith("not drawn yet");
    }

    private void generate(FxRobot robot, Consumer<SampleViewModel> settings) throws Exception {
        SampleViewModel vm = view.viewModel();
        robot.interact(() -> {
            settings.accept(vm);
            session.create(PixelCnnSpec.chapter());
        });
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> {
            SampleTrace t = vm.traceProperty().get();
            return t != null && t.complete() && vm.computedProperty().get() == HW;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(errors).isEmpty();
    }

    private WritableImage snapshotGrid() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> view.grid().canvas().snapshot(null, null))
                .get(10, TimeUnit.SECONDS);
    }

    private static int expected(int value) {
        return rgb(value < 0 ? GridCanvas.UNDRAWN : value == 1 ? Color.WHITE : Color.BLACK);
    }

    private static int rgb(PixelReader reader, Point2D p) {
        return reader.getArgb((int) p.getX(), (int) p.getY()) & 0xFFFFFF;
    }

    private static int rgb(Color c) {
        return (int) Math.round(c.getRed() * 255) << 16
                | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }
}
