package org.pixelscope.ui.train;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.pixelscope.data.MnistData;

/**
 * Training curves on one canvas: raw loss per iteration (thin, light), its moving average (bold)
 * and validation NLL per epoch (markers), in nats per image or bits/dim, over a linear or log
 * iteration axis. A node per point (as {@code LineChart} makes) would not keep up with a long
 * run, so each redraw reduces the curves to a minimum/maximum pair per pixel column: the cost of
 * a frame depends on the width of the chart, not on the number of points.
 *
 * <p>Colours are from the Okabe-Ito palette (blue, vermillion, orange), which readers with the
 * common colour-vision deficiencies can tell apart; markers and line weights differ as well.
 *
 * <p>Thread: FX only. Call {@link #dataChanged()} after the series grew (once per UI batch).
 */
public final class LossChart extends Region {

    static final Color RAW = Color.web("#0072B2", 0.35);
    static final Color SMOOTH = Color.web("#0072B2");
    static final Color VALIDATION = Color.web("#D55E00");
    private static final Color HOVER = Color.web("#E69F00");
    private static final double LEFT = 66;
    private static final double RIGHT = 20;
    private static final double TOP = 30;
    private static final double BOTTOM = 46;
    private static final Font FONT = Font.font(12);

    private final LossSeries series;
    private final Canvas canvas = new Canvas();
    private final ObjectProperty<LossUnit> unit = new SimpleObjectProperty<>(this, "unit", LossUnit.NATS);
    private final BooleanProperty logX = new SimpleBooleanProperty(this, "logX", false);
    private final BooleanProperty thisRunOnly = new SimpleBooleanProperty(this, "thisRunOnly", false);
    /** The neutral colours, following the theme's brightness. */
    private final ObjectProperty<ChartPalette> palette =
            new javafx.beans.property.SimpleObjectProperty<>(this, "palette", ChartPalette.LIGHT);
    /** Line widths and marker sizes are multiplied by this: 1 at a desk, 2 in lecture mode. */
    private final javafx.beans.property.DoubleProperty emphasis =
            new javafx.beans.property.SimpleDoubleProperty(this, "emphasis", 1);

    private final IntegerProperty pixels = new SimpleIntegerProperty(this, "pixels", MnistData.SIDE * MnistData.SIDE);
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper(this, "hoverText", "");
    private final CurveCache cache;
    private double[] ys = new double[512];
    private final ChartLabels labels = new ChartLabels(FONT);
    private double mouseX = Double.NaN;
    private PlotArea area;

    public LossChart(LossSeries series) {
        this.series = series;
        this.cache = new CurveCache(series);
        getStyleClass().add("loss-chart");
        getChildren().add(canvas);
        unit.addListener(o -> redraw());
        logX.addListener(o -> redraw());
        thisRunOnly.addListener(o -> redraw());
        pixels.addListener(o -> redraw());
        emphasis.addListener(o -> redraw());
        palette.addListener(o -> redraw());
        setOnMouseMoved(e -> {
            mouseX = e.getX();
            redraw();
        });
        setOnMouseExited(e -> {
            mouseX = Double.NaN;
            redraw();
        });
    }

    /** The chart's neutral colours (light or dark theme). */
    public ObjectProperty<ChartPalette> paletteProperty() {
        return palette;
    }

    /** Multiplies line widths and marker sizes (2 in lecture mode, readable from the back of a room). */
    public javafx.beans.property.DoubleProperty emphasisProperty() {
        return emphasis;
    }

    /** The unit of the y axis. */
    public ObjectProperty<LossUnit> unitProperty() {
        return unit;
    }

    /** Log-scaled iteration axis, so the first few hundred steps of a long run stay readable. */
    public BooleanProperty logXProperty() {
        return logX;
    }

    /**
     * Show only the run now training (from {@link LossSeries#runStart()} on), its y axis fitted to
     * that run: a run that continues a trained model would otherwise be a flat sliver at the
     * right of the first run's steep start.
     */
    public BooleanProperty thisRunOnlyProperty() {
        return thisRunOnly;
    }

    /** Pixels per image of the model, for bits/dim. */
    public IntegerProperty pixelsProperty() {
        return pixels;
    }

    /** What the hover readout says (empty when the pointer is outside the plot). */
    public ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }

    /** Training points held (all of them, not the decimated ones). */
    public int pointCount() {
        return series.size();
    }

    /** Redraws after the series changed. */
    public void dataChanged() {
        redraw();
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            redraw();
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 640;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 360;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 180;
    }

    /** Draws everything; package-private so tests can time a frame. */
    void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        ChartPalette p = palette.get();
        labels.palette = p;
        g.setFill(p.background());
        g.fillRect(0, 0, w, h);
        double pw = w - LEFT - RIGHT;
        double ph = h - TOP - BOTTOM;
        if (pw < 20 || ph < 20) {
            return;
        }
        g.setFont(FONT);
        double first = thisRunOnly.get() ? series.runStart() : 0;
        double[] r = cache.range(first > 0 ? first : Double.NEGATIVE_INFINITY);
        double lo = r == null ? 0 : value(r[0]);
        double hi = r == null ? 1 : value(r[1]);
        area = PlotArea.fit(LEFT, TOP, pw, ph, logX.get(), first, series.lastIteration(), lo, hi);
        drawAxes(g, pw, ph);
        labels.legend(g, LEFT, TOP / 2);
        if (series.size() == 0 && series.validationSize() == 0) {
            g.setFill(palette.get().axis());
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("No training yet for this model: press Start.", LEFT + pw / 2, TOP + ph / 2);
            hoverText.set("");
            return;
        }
        g.save();
        g.beginPath();
        g.rect(LEFT, TOP, pw, ph);
        g.clip();
        double e = emphasis.get();
        drawCurve(g, cache.raw(area), RAW, e);
        drawCurve(g, cache.smoothed(area), SMOOTH, 2.2 * e);
        drawValidation(g);
        g.restore();
        drawHover(g);
    }

    private double value(double nats) {
        return unit.get().of(nats, pixels.get());
    }

    private void drawAxes(GraphicsContext g, double pw, double ph) {
        g.setLineWidth(1);
        g.setFill(palette.get().text());
        List<Double> yTicks = AxisTicks.linear(area.y0(), area.y1(), (int) Math.max(2, ph / 50));
        double yStep = yTicks.size() > 1 ? yTicks.get(1) - yTicks.get(0) : 1;
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double t : yTicks) {
            double y = Math.round(area.yPixel(t)) + 0.5;
            g.setStroke(palette.get().grid());
            g.strokeLine(LEFT, y, LEFT + pw, y);
            g.fillText(AxisTicks.value(t, yStep), LEFT - 6, y);
        }
        List<Double> xTicks = logX.get()
                ? AxisTicks.log(area.x0(), area.x1())
                : AxisTicks.linear(area.x0(), area.x1(), (int) Math.max(2, pw / 90));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        double lastLabel = Double.NEGATIVE_INFINITY;
        for (double t : xTicks) {
            double x = Math.round(area.xPixel(t)) + 0.5;
            g.setStroke(palette.get().grid());
            g.strokeLine(x, TOP, x, TOP + ph);
            if (x - lastLabel > 44) {
                g.fillText(AxisTicks.count(t), x, TOP + ph + 5);
                lastLabel = x;
            }
        }
        g.setStroke(palette.get().axis());
        g.strokeRect(LEFT + 0.5, TOP + 0.5, pw, ph);
        g.fillText(logX.get() ? "iteration (log scale)" : "iteration", LEFT + pw / 2, TOP + ph + 24);
        g.save();
        g.translate(14, TOP + ph / 2);
        g.rotate(-90);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(unit.get().axisTitle(), 0, 0);
        g.restore();
    }

    private void drawCurve(GraphicsContext g, LossSeries.Polyline line, Color color, double width) {
        int n = line.size();
        if (ys.length < n) {
            ys = new double[n * 2];
        }
        for (int i = 0; i < n; i++) {
            ys[i] = area.yPixel(value(line.y()[i]));
        }
        g.setStroke(color);
        g.setLineWidth(width);
        if (n == 1) {
            g.strokeLine(line.x()[0] - 1, ys[0], line.x()[0] + 1, ys[0]);
        } else {
            g.strokePolyline(line.x(), ys, n);
        }
    }

    private void drawValidation(GraphicsContext g) {
        g.setStroke(VALIDATION);
        g.setFill(VALIDATION);
        double e = emphasis.get();
        g.setLineWidth(1.2 * e);
        g.setLineDashes(5 * e, 4 * e);
        for (int i = 1; i < series.validationSize(); i++) {
            g.strokeLine(
                    area.xPixel(series.validationIteration(i - 1)),
                    area.yPixel(value(series.validationNats(i - 1))),
                    area.xPixel(series.validationIteration(i)),
                    area.yPixel(value(series.validationNats(i))));
        }
        g.setLineDashes();
        for (int i = 0; i < series.validationSize(); i++) {
            double x = area.xPixel(series.validationIteration(i));
            double y = area.yPixel(value(series.validationNats(i)));
            g.fillOval(x - 5 * e, y - 5 * e, 10 * e, 10 * e);
        }
    }

    private void drawHover(GraphicsContext g) {
        int i = area.containsX(mouseX) ? series.nearest(area.iterationAt(mouseX)) : -1;
        if (i < 0) {
            hoverText.set("");
            return;
        }
        int near = -1;
        for (int v = 0; v < series.validationSize(); v++) {
            if (Math.abs(area.xPixel(series.validationIteration(v)) - mouseX) < 8) {
                near = v;
            }
        }
        hoverText.set(ChartLabels.hover(series, i, near, unit.get(), pixels.get()));
        double x = area.xPixel(series.iteration(i));
        g.setStroke(HOVER);
        double e = emphasis.get();
        g.setLineWidth(1.2 * e);
        g.strokeLine(x, area.top(), x, area.bottom());
        double y = area.yPixel(value(series.smoothed(i)));
        g.setFill(HOVER);
        g.fillOval(x - 4.5 * e, y - 4.5 * e, 9 * e, 9 * e);
        labels.readout(g, hoverText.get(), x, area);
    }
}
