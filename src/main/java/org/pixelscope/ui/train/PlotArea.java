package org.pixelscope.ui.train;

/**
 * The rectangle a chart plots in and the ranges it maps onto it: iterations (linear or log)
 * across, loss values up. Plain arithmetic, tested without a toolkit.
 *
 * @param left   left edge, pixels
 * @param top    top edge, pixels
 * @param width  width, pixels
 * @param height height, pixels
 * @param x0     first iteration shown (positive when {@code log})
 * @param x1     last iteration shown
 * @param log    log-scaled iteration axis
 * @param y0     value at the bottom edge
 * @param y1     value at the top edge
 */
record PlotArea(
        double left, double top, double width, double height, double x0, double x1, boolean log, double y0, double y1) {

    /**
     * The area for iterations up to {@code lastIteration} and values in [{@code lo}, {@code hi}],
     * with a margin above and below so no curve touches the frame.
     */
    static PlotArea fit(
            double left,
            double top,
            double width,
            double height,
            boolean log,
            double lastIteration,
            double lo,
            double hi) {
        return fit(left, top, width, height, log, 0, lastIteration, lo, hi);
    }

    /** Like {@link #fit(double, double, double, double, boolean, double, double, double)} from iteration {@code first} on. */
    static PlotArea fit(
            double left,
            double top,
            double width,
            double height,
            boolean log,
            double first,
            double lastIteration,
            double lo,
            double hi) {
        double x0;
        double x1;
        if (first <= 0) {
            double last = Math.max(lastIteration, 10);
            x0 = log ? 1 : 0;
            x1 = log ? last * 1.06 : last * 1.02;
        } else {
            double last = Math.max(lastIteration, first + 10);
            x0 = first;
            x1 = log ? first * Math.pow(last / first, 1.02) : last + (last - first) * 0.02;
        }
        double pad = Math.max((hi - lo) * 0.08, Math.abs(hi) * 0.02 + 1e-6);
        return new PlotArea(left, top, width, height, x0, x1, log, lo - pad, hi + pad);
    }

    double xPixel(double iteration) {
        if (log) {
            double l = Math.log10(Math.max(iteration, x0));
            return left + (l - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0)) * width;
        }
        return left + (iteration - x0) / (x1 - x0) * width;
    }

    /** The iteration under horizontal pixel {@code x} (the inverse of {@link #xPixel}). */
    double iterationAt(double x) {
        double f = (x - left) / width;
        if (log) {
            return Math.pow(10, Math.log10(x0) + f * (Math.log10(x1) - Math.log10(x0)));
        }
        return x0 + f * (x1 - x0);
    }

    double yPixel(double value) {
        return top + height - (value - y0) / (y1 - y0) * height;
    }

    boolean containsX(double x) {
        return x >= left && x <= left + width;
    }

    double right() {
        return left + width;
    }

    double bottom() {
        return top + height;
    }
}
