package org.pixelscope.ui.masks;

import javafx.scene.paint.Color;

/**
 * Diverging colour scale for signed weights: blue for negative, white for zero, orange for
 * positive (Okabe-Ito blue #0072B2 and orange #E69F00, distinguishable with red-green colour
 * blindness), symmetric around zero so equal magnitudes get equal strength.
 *
 * <p>Thread: any.
 */
public final class HeatColors {

    public static final Color NEGATIVE = Color.web("#0072B2");
    public static final Color ZERO = Color.WHITE;
    public static final Color POSITIVE = Color.web("#E69F00");
    /** Cells a mask blocks: not a weight at all, so not on the scale. */
    public static final Color BLOCKED = Color.web("#9E9E9E");

    private HeatColors() {}

    /** The colour of {@code value} on a scale from {@code -maxAbs} to {@code +maxAbs}. */
    public static Color diverging(double value, double maxAbs) {
        if (!(maxAbs > 0) || Double.isNaN(value)) {
            return ZERO;
        }
        double t = Math.max(-1, Math.min(1, value / maxAbs));
        return t < 0 ? ZERO.interpolate(NEGATIVE, -t) : ZERO.interpolate(POSITIVE, t);
    }
}
