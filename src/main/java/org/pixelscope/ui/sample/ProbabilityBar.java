package org.pixelscope.ui.sample;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.pixelscope.sample.PixelStep;

/**
 * The model's conditional distribution for one pixel and the value drawn from it. A binary model
 * outputs a Bernoulli per pixel: one bar for p(x=1 | pixels before), after the temperature, with
 * p(x=0) as the rest. A model with K grey levels outputs a categorical: K bars, p(x = v | pixels
 * before) for v = 0..K-1 (the picture of the PixelRNN paper's Figure 6), scaled to the tallest, over a
 * strip of the greys the levels stand for, with the drawn level's bar coloured and marked. Kept
 * pixels of a completion were not drawn: they show as "given".
 *
 * <p>Thread: FX only.
 */
final class ProbabilityBar extends VBox {

    static final Color ONE = org.pixelscope.ui.Palette.PROBABILITY;
    static final Color ZERO = Color.web("#D9D9D9");

    private static final double BAR = 20;
    private static final double PAD = 8;
    /** Height of the histogram's tallest bar, and of the grey strip under it. */
    private static final double HISTOGRAM = 64;

    private static final double STRIP = 6;
    private static final Color OTHER_LEVEL = Color.web("#9A9A9A");

    private final Canvas bar;
    private final boolean compact;
    private final Label heading = new Label("p(x = 1 | pixels before)");
    private final Label drawn = new Label();
    /** Bars of the last histogram drawn (0: the binary bar or none), and the level it marked (-1: none). */
    private int bars;

    private int marked = -1;

    ProbabilityBar() {
        this(290, false);
    }

    /**
     * A bar {@code width} screen pixels wide; {@code compact} keeps the texts short and leaves
     * out which pixel it is (the panes of a comparison say that once above their zoom).
     */
    ProbabilityBar(double width, boolean compact) {
        super(4);
        this.compact = compact;
        bar = new Canvas(width, BAR + 14);
        getStyleClass().add("probability-bar");
        heading.getStyleClass().add("side-title");
        bar.setId("probability-canvas");
        drawn.setId("probability-text");
        drawn.setWrapText(true);
        getChildren().addAll(heading, bar, drawn);
        show(null);
    }

    /** The heading and the line under the bar, for tests. */
    String text() {
        return heading.getText() + "\n" + drawn.getText();
    }

    /** Bars of the histogram on show: K for a drawn pixel of a K-level model, else 0. For tests. */
    int bars() {
        return bars;
    }

    /** The level the histogram marks as drawn, -1 when none. For tests. */
    int marked() {
        return marked;
    }

    /** A binary model's pixel, or none. */
    void show(PixelStep step) {
        show(step, 2);
    }

    /** A pixel of a model with {@code levels} grey levels (2: binary), or none. */
    void show(PixelStep step, int levels) {
        bars = 0;
        marked = -1;
        if (levels > 2) {
            showLevels(step, levels);
            return;
        }
        bar.setHeight(BAR + 14);
        GraphicsContext g = bar.getGraphicsContext2D();
        double w = bar.getWidth() - 2 * PAD;
        g.clearRect(0, 0, bar.getWidth(), bar.getHeight());
        g.setFill(Color.web("#F4F4F4"));
        g.fillRect(PAD, 0, w, BAR);
        g.setFont(Font.font(10));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        g.setFill(Color.gray(0.3));
        for (double t : new double[] {0, 0.5, 1}) {
            g.fillText(t == 0.5 ? "0.5" : Integer.toString((int) t), PAD + w * t, BAR + 2);
        }
        String p1 = compact ? "p(x = 1)" : "p(x = 1 | pixels before)";
        if (step == null) {
            heading.setText(p1);
            drawn.setText("No pixel drawn yet.");
        } else if (step.given()) {
            heading.setText(p1 + ": given");
            drawn.setText(
                    compact
                            ? "Kept from the test image (" + step.value() + ")."
                            : "Pixel (" + step.row() + ", " + step.col() + ") of image " + (step.image() + 1)
                                    + " is given, kept from the test image (value " + step.value()
                                    + "); nothing was drawn.");
            g.setFill(Color.gray(0.4));
            g.setFont(Font.font(12));
            g.setTextBaseline(VPos.CENTER);
            g.fillText("given", PAD + w / 2, BAR / 2);
        } else {
            double p = step.probability();
            heading.setText(String.format("%s = %.3f", p1, p));
            g.setFill(ONE);
            g.fillRect(PAD, 0, w * p, BAR);
            g.setStroke(Color.BLACK);
            g.setLineWidth(2);
            g.strokeLine(PAD + w * p, 0, PAD + w * p, BAR);
            drawn.setText(
                    compact
                            ? String.format("Drew %d (%s).", step.value(), step.value() == 1 ? "ink" : "background")
                            : String.format(
                                    "Pixel (%d, %d) of image %d: drew %d (%s).",
                                    step.row(),
                                    step.col(),
                                    step.image() + 1,
                                    step.value(),
                                    step.value() == 1 ? "white, ink" : "black, background"));
        }
        g.setStroke(Color.gray(0.5));
        g.setLineWidth(1);
        g.strokeRect(PAD + 0.5, 0.5, w - 1, BAR - 1);
    }

    /** The K-bar histogram of a categorical pixel, or what stands in for it. */
    private void showLevels(PixelStep step, int levels) {
        bar.setHeight(HISTOGRAM + STRIP + 16);
        GraphicsContext g = bar.getGraphicsContext2D();
        double w = bar.getWidth() - 2 * PAD;
        double bw = w / levels;
        g.clearRect(0, 0, bar.getWidth(), bar.getHeight());
        g.setFill(Color.web("#F4F4F4"));
        g.fillRect(PAD, 0, w, HISTOGRAM);
        for (int v = 0; v < levels; v++) {
            g.setFill(Color.gray(v / (double) (levels - 1)));
            g.fillRect(PAD + v * bw, HISTOGRAM + 1, Math.ceil(bw), STRIP);
        }
        g.setFont(Font.font(10));
        g.setTextBaseline(VPos.TOP);
        g.setFill(Color.gray(0.3));
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("0", PAD, HISTOGRAM + STRIP + 2);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(Integer.toString(levels - 1), PAD + w, HISTOGRAM + STRIP + 2);
        g.setTextAlign(TextAlignment.CENTER);
        String range = "0.." + (levels - 1);
        String pv = compact ? "p(x = v)" : "p(x = v | pixels before)";
        if (step == null || !step.categorical()) {
            boolean given = step != null && step.given();
            heading.setText(given ? pv + ": given" : pv + ", v = " + range);
            drawn.setText(
                    step == null
                            ? "No pixel drawn yet."
                            : compact
                                    ? "Kept from the test image (level " + step.value() + ")."
                                    : "Pixel (" + step.row() + ", " + step.col() + ") of image " + (step.image() + 1)
                                            + " is given, kept from the test image (level " + step.value()
                                            + " of " + range + "); nothing was drawn.");
            if (given) {
                g.setFill(Color.gray(0.4));
                g.setFont(Font.font(12));
                g.setTextBaseline(VPos.CENTER);
                g.fillText("given", PAD + w / 2, HISTOGRAM / 2);
            }
        } else {
            float[] p = step.distribution();
            double top = 0;
            int likeliest = 0;
            for (int v = 0; v < levels; v++) {
                if (p[v] > top) {
                    top = p[v];
                    likeliest = v;
                }
            }
            for (int v = 0; v < levels; v++) {
                double h = top > 0 ? HISTOGRAM * p[v] / top : 0;
                g.setFill(v == step.value() ? ONE : OTHER_LEVEL);
                g.fillRect(PAD + v * bw + (bw > 3 ? 0.5 : 0), HISTOGRAM - h, Math.max(1, bw - (bw > 3 ? 1 : 0)), h);
            }
            double x = PAD + (step.value() + 0.5) * bw;
            g.setFill(Color.BLACK);
            g.fillPolygon(
                    new double[] {x - 4, x + 4, x},
                    new double[] {HISTOGRAM + STRIP + 8, HISTOGRAM + STRIP + 8, HISTOGRAM + 1},
                    3);
            bars = levels;
            marked = step.value();
            heading.setText(String.format(
                    java.util.Locale.ROOT,
                    compact ? "p(x = %d) = %.3f" : "p(x = %d | pixels before) = %.3f",
                    step.value(),
                    step.probability()));
            drawn.setText(
                    compact
                            ? String.format(java.util.Locale.ROOT, "Drew level %d of %s.", step.value(), range)
                            : String.format(
                                    java.util.Locale.ROOT,
                                    "Pixel (%d, %d) of image %d: drew level %d of %s; the likeliest is %d (p = %.3f),"
                                            + " the bars' scale.",
                                    step.row(),
                                    step.col(),
                                    step.image() + 1,
                                    step.value(),
                                    range,
                                    likeliest,
                                    top));
        }
        g.setStroke(Color.gray(0.5));
        g.setLineWidth(1);
        g.strokeRect(PAD + 0.5, 0.5, w - 1, HISTOGRAM - 1);
    }
}
