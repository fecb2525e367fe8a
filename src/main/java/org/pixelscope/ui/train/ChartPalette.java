package org.pixelscope.ui.train;

import javafx.scene.paint.Color;

/**
 * The neutral colours of the loss chart (a canvas, which reads no CSS), one set per theme
 * brightness. The curves' colours carry meaning and are the same in every theme.
 *
 * @param background the plot's background
 * @param grid       grid lines
 * @param axis       the frame, and text of lesser weight
 * @param text       tick labels, titles and the legend
 * @param readout    the hover box's background
 */
public record ChartPalette(Color background, Color grid, Color axis, Color text, Color readout) {

    public static final ChartPalette LIGHT = new ChartPalette(
            Color.WHITE, Color.web("#E6E6E6"), Color.web("#707070"), Color.web("#303030"), Color.web("#FFFFFF", 0.92));

    /** Matches AtlantaFX Primer Dark's background and text. */
    public static final ChartPalette DARK = new ChartPalette(
            Color.web("#0D1117"),
            Color.web("#30363D"),
            Color.web("#8B949E"),
            Color.web("#C9D1D9"),
            Color.web("#161B22", 0.92));
}
