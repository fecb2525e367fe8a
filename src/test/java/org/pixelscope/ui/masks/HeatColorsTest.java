package org.pixelscope.ui.masks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

class HeatColorsTest {

    @Test
    void zeroIsWhiteAndTheEndsArePurpleAndGreen() {
        assertThat(HeatColors.diverging(0, 2)).isEqualTo(Color.WHITE);
        assertThat(HeatColors.diverging(-2, 2)).isEqualTo(Color.web("#762A83"));
        assertThat(HeatColors.diverging(2, 2)).isEqualTo(Color.web("#1B7837"));
    }

    @Test
    void valuesBeyondTheScaleClampAndEqualMagnitudesAreEquallyStrong() {
        assertThat(HeatColors.diverging(5, 2)).isEqualTo(HeatColors.POSITIVE);
        assertThat(HeatColors.diverging(-5, 2)).isEqualTo(HeatColors.NEGATIVE);
        Color neg = HeatColors.diverging(-1, 2);
        Color pos = HeatColors.diverging(1, 2);
        assertThat(distanceFromWhite(neg) / distanceFromWhite(HeatColors.NEGATIVE))
                .isCloseTo(0.5, offset(1e-6));
        assertThat(distanceFromWhite(pos) / distanceFromWhite(HeatColors.POSITIVE))
                .isCloseTo(0.5, offset(1e-6));
        assertThat(neg.getGreen()).as("purple").isLessThan(neg.getRed()).isLessThan(neg.getBlue());
        assertThat(pos.getGreen()).as("green").isGreaterThan(pos.getRed()).isGreaterThan(pos.getBlue());
    }

    @Test
    void anAllZeroKernelIsWhite() {
        assertThat(HeatColors.diverging(0, 0)).isEqualTo(Color.WHITE);
        assertThat(HeatColors.diverging(Double.NaN, 1)).isEqualTo(Color.WHITE);
    }

    private static double distanceFromWhite(Color c) {
        return Math.sqrt(Math.pow(1 - c.getRed(), 2) + Math.pow(1 - c.getGreen(), 2) + Math.pow(1 - c.getBlue(), 2));
    }
}
