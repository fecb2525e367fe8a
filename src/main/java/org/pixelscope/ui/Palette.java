package org.pixelscope.ui;

import javafx.scene.paint.Color;

/**
 * PixelScope's colour language: each colour means one thing in every view, and the meanings
 * never rest on hue alone (blocked cells carry a cross, the blind spot a hatch). Hues are from
 * the Okabe-Ito palette, which readers with the common colour-vision deficiencies tell apart.
 *
 * <table>
 * <caption>What each colour means</caption>
 * <tr><td>{@link #READ} blue</td><td>a weight the mask lets through (mask grids); a pixel the
 *     output reads (receptive field); the causal region's outline</td></tr>
 * <tr><td>{@link #BLOCKED} grey, with a cross</td><td>a weight the mask sets to zero (mask grids,
 *     learned kernels)</td></tr>
 * <tr><td>{@link #BLIND_SPOT} vermillion, hatched</td><td>the blind spot: a pixel before the
 *     current one, inside the reach of the receptive field, that the output never reads</td></tr>
 * <tr><td>{@link #OUT_OF_REACH} grey tint</td><td>a pixel before the current one that is beyond
 *     the reach of the layers</td></tr>
 * <tr><td>{@link #CURRENT} yellow frame</td><td>the pixel being drawn or clicked</td></tr>
 * <tr><td>{@link #NEGATIVE} purple / {@link #POSITIVE} green</td><td>the sign of a learned
 *     weight (a diverging scale through white), so the sign is never confused with blue/grey</td></tr>
 * <tr><td>{@link #PROBABILITY} dark grey bar</td><td>p(x = 1), the chance of ink</td></tr>
 * </table>
 *
 * <p>Canvases read these constants; the masks view's CSS repeats {@link #READ} and
 * {@link #BLOCKED} (CSS cannot read Java), next to a comment naming this class.
 *
 * <p>Thread: any (immutable constants).
 */
public final class Palette {

    public static final Color READ = Color.web("#0072B2");
    public static final Color BLOCKED = Color.web("#9E9E9E");
    public static final Color BLIND_SPOT = Color.web("#D55E00");
    public static final Color OUT_OF_REACH = Color.web("#9E9E9E");
    public static final Color CURRENT = Color.web("#F0E442");
    public static final Color NEGATIVE = Color.web("#762A83");
    public static final Color POSITIVE = Color.web("#1B7837");
    public static final Color PROBABILITY = Color.web("#3A3A3A");

    private Palette() {}
}
