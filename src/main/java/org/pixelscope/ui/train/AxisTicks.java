package org.pixelscope.ui.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where an axis puts its ticks and what it writes there: "nice" steps (1, 2 or 5 times a power
 * of ten) on a linear axis, powers of ten (plus 2x and 5x when the range spans few decades) on a
 * log axis. Plain arithmetic, so it is tested without a toolkit.
 */
final class AxisTicks {

    private AxisTicks() {}

    /** A step of 1, 2 or 5 times a power of ten, close to {@code range / wanted}. */
    static double niceStep(double range, int wanted) {
        double raw = range / Math.max(1, wanted);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10;
        return nice * magnitude;
    }

    /** Ticks on a linear axis over [lo, hi], about {@code wanted} of them. */
    static List<Double> linear(double lo, double hi, int wanted) {
        List<Double> ticks = new ArrayList<>();
        if (!(hi > lo)) {
            ticks.add(lo);
            return ticks;
        }
        double step = niceStep(hi - lo, wanted);
        for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return ticks;
    }

    /** Ticks on a log axis over [lo, hi] (both positive). */
    static List<Double> log(double lo, double hi) {
        List<Double> ticks = new ArrayList<>();
        int first = (int) Math.floor(Math.log10(lo));
        int last = (int) Math.ceil(Math.log10(hi));
        double[] mantissas = last - first <= 3 ? new double[] {1, 2, 5} : new double[] {1};
        for (int e = first; e <= last; e++) {
            for (double m : mantissas) {
                double t = m * Math.pow(10, e);
                if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) {
                    ticks.add(t);
                }
            }
        }
        return ticks;
    }

    /** An iteration count, short enough for a tick: 950, 1,500, 25k, 1.2M. */
    static String count(double value) {
        double v = Math.abs(value);
        if (v >= 1e6) {
            return trim(String.format(Locale.ROOT, "%.1f", value / 1e6)) + "M";
        }
        if (v >= 1e4) {
            return trim(String.format(Locale.ROOT, "%.1f", value / 1e3)) + "k";
        }
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    /** A value on an axis whose ticks are {@code step} apart, with just enough decimals. */
    static String value(double value, double step) {
        int decimals = step >= 1 ? 0 : (int) Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String trim(String s) {
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
