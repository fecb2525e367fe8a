package org.pixelscope.ui.masks;

import javafx.scene.paint.Color;
import org.pixelscope.ui.Palette;

/**
 * Diverging colour scale for signed weights: purple for negative, white for zero, green for
 * positive (the ends of ColorBrewer's PRGn scale, readable with red-green colour blindness; not
 * blue or grey, which mean "read" and "blocked" elsewhere, see {@code ui.Palette}), symmetric
 * around zero so equal magnitudes get equal strength.
 *
 * <p>Thread: any.
 */
public final class HeatColors {

    public static final Color NEGATIVE = Palette.NEGATIVE;
    public static final Color ZERO = Color.WHITE;
    public static final Color POSITIVE = Palette.POSITIVE;
    /** Cells a mask blocks: not a weight at all, so not on the scale. */
    public static final Color BLOCKED = Palette.BLOCKED;

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
