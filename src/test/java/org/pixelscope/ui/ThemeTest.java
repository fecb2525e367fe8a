package org.pixelscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pixelscope.ui.train.ChartPalette;
import org.pixelscope.ui.train.LossChart;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** View > Theme and lecture mode's thicker chart, in a real window. */
@ExtendWith(ApplicationExtension.class)
class ThemeTest {

    private static final Preferences NODE = Preferences.userRoot().node("org/pixelscope/test-theme");

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = WindowFixture.show(stage, NODE, new java.util.ArrayList<>());
    }

    @AfterAll
    static void forget() throws Exception {
        NODE.removeNode();
        Platform.runLater(() -> Theme.LIGHT.apply(null));
    }

    @Test
    void themesSwitchTheWholeAppAndAreRemembered(FxRobot robot) {
        LossChart chart = robot.lookup(".loss-chart").queryAs(LossChart.class);
        assertThat(Application.getUserAgentStylesheet()).contains("primer-light");
        assertThat(chart.paletteProperty().get()).isEqualTo(ChartPalette.LIGHT);

        robot.interact(() -> window.themeProperty().set(Theme.DARK));
        assertThat(Application.getUserAgentStylesheet()).contains("primer-dark");
        assertThat(chart.paletteProperty().get()).isEqualTo(ChartPalette.DARK);
        assertThat(new AppPreferences(NODE).theme()).isEqualTo(Theme.DARK);

        robot.interact(() -> window.themeProperty().set(Theme.HIGH_CONTRAST));
        assertThat(Application.getUserAgentStylesheet()).contains("primer-light");
        assertThat(window.getScene().getStylesheets()).anyMatch(s -> s.endsWith("high-contrast.css"));
        assertThat(chart.paletteProperty().get()).isEqualTo(ChartPalette.LIGHT);

        robot.interact(() -> window.themeProperty().set(Theme.LIGHT));
        assertThat(window.getScene().getStylesheets()).noneMatch(s -> s.endsWith("high-contrast.css"));
        assertThat(new AppPreferences(NODE).theme()).isEqualTo(Theme.LIGHT);
    }

    @Test
    void lectureModeDrawsTheChartThicker(FxRobot robot) {
        LossChart chart = robot.lookup(".loss-chart").queryAs(LossChart.class);
        assertThat(chart.emphasisProperty().get()).isEqualTo(1);
        robot.interact(() -> window.presentation().toggleLecture());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(chart.emphasisProperty().get()).isEqualTo(2);
        robot.interact(() -> window.presentation().toggleLecture());
        assertThat(chart.emphasisProperty().get()).isEqualTo(1);
    }

    @Test
    void anUnknownStoredThemeFallsBackToLight() {
        assertThat(Theme.of("no-such-theme")).isEqualTo(Theme.LIGHT);
        assertThat(Theme.of(null)).isEqualTo(Theme.LIGHT);
        for (Theme t : Theme.values()) {
            assertThat(Theme.of(t.key())).isEqualTo(t);
        }
    }
}
