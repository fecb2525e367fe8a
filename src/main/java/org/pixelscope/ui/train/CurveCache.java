package org.pixelscope.ui.train;

/**
 * What a chart frame computes from a {@link LossSeries} and can reuse while neither the data nor
 * the horizontal mapping changed: the y range and the decimated curves. A pointer moving over
 * the chart then costs only the drawing of about two points per pixel column.
 *
 * <p>Thread: FX only, like the chart.
 */
final class CurveCache {

    private final LossSeries series;
    private final LossSeries.Polyline raw = new LossSeries.Polyline();
    private final LossSeries.Polyline smoothed = new LossSeries.Polyline();
    private int rangeVersion = -1;
    private double rangeFrom = Double.NaN;
    private double[] range;
    private int curvesVersion = -1;
    private PlotArea curvesArea;

    CurveCache(LossSeries series) {
        this.series = series;
    }

    /** {@link LossSeries#range(double)} after iteration {@code from}, recomputed only when the series or {@code from} changed. */
    double[] range(double from) {
        if (rangeVersion != series.version() || Double.compare(rangeFrom, from) != 0) {
            range = series.range(from);
            rangeVersion = series.version();
            rangeFrom = from;
        }
        return range;
    }

    /** The raw curve reduced for {@code area}'s iteration axis; values in nats. */
    LossSeries.Polyline raw(PlotArea area) {
        update(area);
        return raw;
    }

    /** The smoothed curve reduced for {@code area}'s iteration axis; values in nats. */
    LossSeries.Polyline smoothed(PlotArea area) {
        update(area);
        return smoothed;
    }

    private void update(PlotArea area) {
        if (curvesVersion == series.version() && sameIterationAxis(area, curvesArea)) {
            return;
        }
        series.decimate(true, area::xPixel, raw);
        series.decimate(false, area::xPixel, smoothed);
        curvesVersion = series.version();
        curvesArea = area;
    }

    private static boolean sameIterationAxis(PlotArea a, PlotArea b) {
        return b != null
                && a.left() == b.left()
                && a.width() == b.width()
                && a.x0() == b.x0()
                && a.x1() == b.x1()
                && a.log() == b.log();
    }
}
