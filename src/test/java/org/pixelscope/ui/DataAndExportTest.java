package org.pixelscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pixelscope.inspect.SummaryMarkdown;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.train.HistoryCsv;
import org.pixelscope.train.ImageLikelihoods;
import org.pixelscope.ui.data.DataPreview;
import org.pixelscope.ui.data.DataPreviewTest;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** File > Open Data and File > Export in a real window, with the real back end. */
@ExtendWith(ApplicationExtension.class)
class DataAndExportTest {

    private static final Preferences NODE = Preferences.userRoot().node("org/pixelscope/test-data-export");

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
    }

    private Path pictures() throws Exception {
        Path dir = tmp.resolve("my-digits");
        for (int i = 0; i < 5; i++) {
            DataPreviewTest.picture(dir.resolve("p" + i + ".png"), 20 + 10 * i, 28);
        }
        Files.write(dir.resolve("zz-broken.png"), new byte[] {1, 2, 3});
        return dir;
    }

    @Test
    void aPictureFolderIsPreviewedThenReplacesMnistEverywhereAndIsRemembered(FxRobot robot) throws Exception {
        Path dir = pictures();
        Platform.runLater(() -> window.data().open(dir));
        WaitForAsyncUtils.waitFor(
                120,
                TimeUnit.SECONDS,
                () -> robot.lookup("#data-preview").tryQuery().isPresent());
        javafx.scene.layout.FlowPane grey = robot.lookup("#preview-grey").queryAs(javafx.scene.layout.FlowPane.class);
        javafx.scene.layout.FlowPane bits = robot.lookup("#preview-bits").queryAs(javafx.scene.layout.FlowPane.class);
        assertThat(grey.getChildren()).hasSize(5);
        assertThat(bits.getChildren()).hasSize(5);
        assertThat(robot.lookup(".data-warning").queryAllAs(Label.class))
                .anyMatch(l -> l.getText().contains("zz-broken.png"));
        // the dialog's content exists before its window shows: wait for the button to be on screen
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> useButton(robot) != null);
        robot.interact(() -> useButton(robot).fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> dir.equals(session.dataDir()));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(session.mnist().get(10, TimeUnit.SECONDS).trainAll().count()).isEqualTo(5);
        Label line = robot.lookup("#data-line").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> line.getText().contains("train 4 · validation 1 · test 5"));
        assertThat(line.getText()).contains("my-digits");
        assertThat(new AppPreferences(NODE).recentData())
                .first()
                .isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(errors).isEmpty();
    }

    private static javafx.scene.control.Button useButton(FxRobot robot) {
        return robot.lookup(".button").queryAllAs(javafx.scene.control.Button.class).stream()
                .filter(b -> "Use This Data".equals(b.getText())
                        && b.isVisible()
                        && b.getScene() != null
                        && b.getScene().getWindow() != null
                        && b.getScene().getWindow().isShowing())
                .findFirst()
                .orElse(null);
    }

    @Test
    void everyExportWritesAFileThatParsesBack(FxRobot robot) throws Exception {
        Path dir = pictures();
        DataPreview preview =
                WindowFixture.await(WindowFixture.onFx(() -> window.data().preview(dir)));
        robot.interact(() -> window.data().use(preview));
        WindowFixture.await(WindowFixture.onFx(() -> session.create(PixelCnnSpec.chapter())));

        Path md = tmp.resolve("summary.md");
        WindowFixture.await(WindowFixture.onFx(() -> window.exports().summaryMarkdown(md)));
        List<String> table = Files.readAllLines(md);
        assertThat(table).contains(SummaryMarkdown.HEADER);
        assertThat(String.join("\n", table)).contains("conv0_A");

        Path history = tmp.resolve("history.csv");
        WindowFixture.await(WindowFixture.onFx(() -> window.exports().historyCsv(history)));
        assertThat(Files.readAllLines(history).get(0)).isEqualTo(HistoryCsv.HEADER);

        Path likelihoods = tmp.resolve("likelihoods.csv");
        WindowFixture.await(WindowFixture.onFx(() -> window.exports().likelihoodCsv(likelihoods)));
        List<String> rows = Files.readAllLines(likelihoods);
        assertThat(rows.get(0)).isEqualTo(ImageLikelihoods.HEADER);
        assertThat(rows).hasSize(6);
        for (String row : rows.subList(1, rows.size())) {
            double nats = Double.parseDouble(row.split(",")[2]);
            // an untrained model says p = 1/2 for about every pixel: near 784 ln 2 = 543 nats
            assertThat(nats).isBetween(300.0, 900.0);
        }

        robot.interact(() -> window.selectTab(0));
        WaitForAsyncUtils.waitForFxEvents();
        Path png = tmp.resolve("loss.png");
        WindowFixture.await(WindowFixture.onFx(
                () -> window.exports().chartPng(window.views().train(), png)));
        BufferedImage chart = ImageIO.read(png.toFile());
        assertThat(chart.getWidth()).isGreaterThan(200);
        assertThat(chart.getHeight()).isGreaterThan(100);
        assertThat(errors).isEmpty();
    }
}
