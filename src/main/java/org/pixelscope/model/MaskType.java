package org.pixelscope.model;

/**
 * The two masks of PixelCNN (van den Oord et al. 2016, "Pixel Recurrent Neural Networks", sec. 3.4).
 *
 * <pre>
 *   mask A (first layer)     mask B (every later layer)
 *   1 1 1 1 1                1 1 1 1 1
 *   1 1 1 1 1                1 1 1 1 1
 *   1 1 0 0 0                1 1 1 0 0
 *   0 0 0 0 0                0 0 0 0 0
 *   0 0 0 0 0                0 0 0 0 0
 * </pre>
 *
 * A blocks the centre: the first layer reads the image itself, so its output for pixel k must not
 * see pixel k. B keeps the centre: later layers read features that already exclude pixel k.
 */
public enum MaskType {
    A,
    B;

    /** Whether the centre tap (and, with colour groups, a group's own channels) is allowed. */
    public boolean includesCentre() {
        return this == B;
    }
}
