package org.pixelscope.ui.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The arithmetic under the chart and the read-outs: units, axes, ticks, durations. */
class ChartMathTest {

    @Test
    void bitsPerDimIsNatsOverPixelsTimesLnTwo() {
        assertThat(LossUnit.NATS.of(81.30, 784)).isEqualTo(81.30);
        assertThat(LossUnit.BITS_PER_DIM.of(81.30, 784)).isCloseTo(81.30 / (784 * Math.log(2)), within(1e-12));
        assertThat(LossUnit.BITS_PER_DIM.of(81.30, 784)).isCloseTo(0.1496, within(1e-4));
        assertThat(LossUnit.BITS_PER_DIM.of(81.30, 14 * 14)).isCloseTo(4 * 0.1496, within(1e-3));
    }

    @Test
    void logAxisMapsDecadesEvenlyAndInvertsExactly() {
        PlotArea a = new PlotArea(50, 10, 300, 200, 1, 1000, true, 0, 1);
        assertThat(a.xPixel(1)).isCloseTo(50, within(1e-9));
        assertThat(a.xPixel(10)).isCloseTo(150, within(1e-9));
        assertThat(a.xPixel(1000)).isCloseTo(350, within(1e-9));
        assertThat(a.iterationAt(a.xPixel(123))).isCloseTo(123, within(1e-9));
        PlotArea lin = new PlotArea(50, 10, 300, 200, 0, 600, false, 80, 120);
        assertThat(lin.xPixel(300)).isCloseTo(200, within(1e-9));
        assertThat(lin.yPixel(120)).isCloseTo(10, within(1e-9));
        assertThat(lin.yPixel(80)).isCloseTo(210, within(1e-9));
    }

    @Test
    void fitLeavesAMarginAroundTheValues() {
        PlotArea a = PlotArea.fit(0, 0, 100, 100, false, 500, 90, 110);
        assertThat(a.y0()).isLessThan(90);
        assertThat(a.y1()).isGreaterThan(110);
        assertThat(a.x1()).isGreaterThanOrEqualTo(500);
        assertThat(PlotArea.fit(0, 0, 100, 100, true, 500, 90, 90).y1()).isGreaterThan(90);
    }

    @Test
    void ticksAreNiceNumbers() {
        assertThat(AxisTicks.niceStep(97, 5)).isEqualTo(20);
        assertThat(AxisTicks.linear(83.2, 141.7, 6)).containsExactly(90.0, 100.0, 110.0, 120.0, 130.0, 140.0);
        assertThat(AxisTicks.log(1, 1000))
                .containsExactly(1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0);
        assertThat(AxisTicks.log(1, 100_000)).containsExactly(1.0, 10.0, 100.0, 1000.0, 10_000.0, 100_000.0);
        assertThat(AxisTicks.count(1500)).isEqualTo("1,500");
        assertThat(AxisTicks.count(25_000)).isEqualTo("25k");
        assertThat(AxisTicks.count(1_200_000)).isEqualTo("1.2M");
        assertThat(AxisTicks.value(0.15, 0.01)).isEqualTo("0.15");
        assertThat(AxisTicks.value(120, 20)).isEqualTo("120");
    }

    @Test
    void hoverReadoutNamesIterationLossAndValidation() {
        LossSeries s = new LossSeries();
        s.add(1, 200);
        s.add(2, 100);
        s.addValidation(1, 2, 95);
        String text = ChartLabels.hover(s, 1, 0, LossUnit.NATS, 784);
        assertThat(text)
                .contains("iteration 2")
                .contains("loss 100.00 nats")
                .contains("validation after epoch 1: 95.00 nats");
        assertThat(ChartLabels.hover(s, 1, -1, LossUnit.BITS_PER_DIM, 784))
                .contains("bits/dim")
                .doesNotContain("validation");
    }
}
