package org.pixelscope.ui.train;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The chart with a long run's worth of points: frames stay cheap and hovering reads values. */
@ExtendWith(ApplicationExtension.class)
class LossChartTest {

    private final LossSeries series = new LossSeries();
    private LossChart chart;

    @Start
    void start(Stage stage) {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 1; i <= 60_000; i++) {
            series.add(i, 90 + 400.0 / Math.sqrt(i) + rng.nextGaussian() * 4);
            if (i % 860 == 0) {
                series.addValidation(i / 860, i, 88 + 300.0 / Math.sqrt(i));
            }
        }
        chart = new LossChart(series);
        stage.setScene(new Scene(chart, 1000, 500));
        stage.show();
    }

    @Test
    void sixtyThousandPointsRedrawWithinAFrame(FxRobot robot) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] nanos = new long[2];
        robot.interact(() -> {
            chart.redraw(); // warm-up
            // CPU time of the FX thread, not wall time: the test machine is shared
            long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 10; i++) {
                series.add(60_000 + i, 90); // new data: the curves are reduced again
                chart.dataChanged();
            }
            long t1 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 10; i++) {
                chart.redraw(); // hover: the reduced curves are reused
            }
            nanos[0] = (t1 - t0) / 10;
            nanos[1] = (threads.getCurrentThreadCpuTime() - t1) / 10;
        });
        // 16 ms is one frame at 60 Hz; new data arrives a few times a second, pointer moves each frame
        assertThat(nanos[0] / 1e6).as("ms per frame with new data").isLessThan(30);
        assertThat(nanos[1] / 1e6).as("ms per frame without").isLessThan(8);
        assertThat(chart.pointCount()).isEqualTo(60_010);
    }

    @Test
    void hoverShowsTheNearestIterationAndItsLoss(FxRobot robot) throws Exception {
        robot.moveTo(chart);
        WaitForAsyncUtils.waitForFxEvents();
        String text =
                WaitForAsyncUtils.asyncFx(() -> chart.hoverTextProperty().get()).get(10, SECONDS);
        assertThat(text).startsWith("iteration ").contains("loss ").contains("nats");
        robot.interact(() -> chart.logXProperty().set(true));
        robot.moveBy(5, 0);
        String log =
                WaitForAsyncUtils.asyncFx(() -> chart.hoverTextProperty().get()).get(10, SECONDS);
        assertThat(log).isNotEqualTo(text);
    }
}
