package org.pixelscope.ui.sample;

/**
 * How far two generations of a comparison agree so far: of the {@code compared} pixels both
 * show (kept rows of a completion aside), {@code differ} differ. With the same seed both draw
 * each pixel with the same random number, so they differ only where that number falls between
 * the two models' p(x=1).
 *
 * <p>Thread: immutable.
 */
record Agreement(int compared, int differ) {

    /** Counts over the first {@code shown} raster positions of every image; nothing without both generations. */
    static Agreement of(Generation a, Generation b, int shown) {
        if (a == null || b == null) {
            return new Agreement(0, 0);
        }
        int compared = 0;
        int differ = 0;
        for (int i = 0; i < Math.min(a.trace().count(), b.trace().count()); i++) {
            for (int k = Math.max(a.start(), b.start()); k < shown; k++) {
                int va = a.shownValue(i, k, shown);
                int vb = b.shownValue(i, k, shown);
                if (va >= 0 && vb >= 0) {
                    compared++;
                    differ += va != vb ? 1 : 0;
                }
            }
        }
        return new Agreement(compared, differ);
    }
}
