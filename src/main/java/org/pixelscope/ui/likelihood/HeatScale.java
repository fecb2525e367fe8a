package org.pixelscope.ui.likelihood;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;

/**
 * The colours of the likelihood map: -log p from 0 to {@value #MAX_NATS} nats on a perceptually
 * uniform sequential scale, dark violet through teal to yellow (the eleven tenth-points of
 * matplotlib's viridis, interpolated linearly), lightness rising with surprise, so the scale
 * reads in grey and with colour-vision deficiencies. Values above the bound take its colour.
 *
 * <p>Orange and sky blue are left to the app's other meanings (masked and allowed taps).
 *
 * <p>Thread: any; stateless.
 */
final class HeatScale {

    /**
     * The top of the scale in nats: p(x_i) = e^-5, about 0.7 %. The shipped model spends about
     * half of a test digit's 45 to 100 nats on 10 to 30 pixels of 1 to 5 nats each, where a run of
     * ink begins or ends; the clip keeps a rare near-impossible pixel from flattening the rest
     * into one colour.
     */
    static final double MAX_NATS = 5;

    private static final Color[] STOPS = {
        Color.web("#440154"), Color.web("#482475"), Color.web("#414487"), Color.web("#355F8D"),
        Color.web("#2A788E"), Color.web("#21918C"), Color.web("#22A884"), Color.web("#44BF70"),
        Color.web("#7AD151"), Color.web("#BDDF26"), Color.web("#FDE725")
    };

    private HeatScale() {}

    /** The colour of {@code nats}, clipped to {@code [0, MAX_NATS]}; NaN maps to 0. */
    static Color of(double nats) {
        double t = Double.isNaN(nats) ? 0 : Math.max(0, Math.min(1, nats / MAX_NATS));
        double x = t * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) x);
        return STOPS[i].interpolate(STOPS[i + 1], x - i);
    }

    /** The whole scale as a gradient, bottom ({@code 0}) to top ({@code MAX_NATS}). */
    static LinearGradient verticalGradient() {
        List<Stop> stops = new ArrayList<>();
        for (int i = 0; i < STOPS.length; i++) {
            stops.add(new Stop(i / (double) (STOPS.length - 1), STOPS[i]));
        }
        return new LinearGradient(0, 1, 0, 0, true, CycleMethod.NO_CYCLE, stops);
    }
}
