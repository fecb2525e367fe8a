package org.pixelscope.ui.masks;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.pixelscope.inspect.MaskGrid;

/**
 * A learned kernel as a heat map on the {@link HeatColors} diverging scale, one cell per tap,
 * with a colour bar underneath. Taps the mask blocks are not weights at all: grey with a cross.
 *
 * <p>Thread: FX only.
 */
public final class KernelHeatMap extends Canvas {

    private static final double BAR_HEIGHT = 14;
    private static final double LABEL_HEIGHT = 18;
    private final double side;
    private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
    private KernelWeights kernel;
    private MaskGrid mask;
    private double cell = 1;

    /** {@code side}: width and height of the kernel area in screen pixels. */
    public KernelHeatMap(double side) {
        super(side, side + BAR_HEIGHT + LABEL_HEIGHT + 8);
        this.side = side;
        getStyleClass().add("kernel-heat-map");
        // hovering a cell shows the number behind its colour
        tip.setShowDelay(javafx.util.Duration.millis(100));
        javafx.scene.control.Tooltip.install(this, tip);
        setOnMouseMoved(e -> tip.setText(describeAt(e.getX(), e.getY())));
    }

    /** The hover text at canvas position (x, y): the tap's offset, weight, or why it is blocked. */
    String describeAt(double x, double y) {
        if (kernel == null) {
            return "";
        }
        int r = (int) (y / cell);
        int c = (int) (x / cell);
        double[][] v = kernel.values();
        if (r < 0 || c < 0 || r >= v.length || c >= v[0].length) {
            return "Colour scale: purple negative, white zero, green positive, up to ±"
                    + String.format(java.util.Locale.ROOT, "%.4f", kernel.maxAbs());
        }
        int dr = r - v.length / 2;
        int dc = c - v[0].length / 2;
        String where = String.format(
                java.util.Locale.ROOT,
                "tap (%d, %d): %s%s",
                r,
                c,
                dr == 0 && dc == 0
                        ? "the centre"
                        : offset(dr, "row") + (dr != 0 && dc != 0 ? ", " : "") + offset(dc, "column"),
                "");
        if (mask != null && !mask.allowed()[r][c]) {
            return where + "\nblocked by mask " + mask.type()
                    + ": the weight is held at 0, so the output never reads this position";
        }
        return where
                + String.format(
                        java.util.Locale.ROOT,
                        "\nweight %+.5f (summed over %d input channel%s)",
                        v[r][c],
                        kernel.inChannels(),
                        kernel.inChannels() == 1 ? "" : "s");
    }

    private static String offset(int d, String what) {
        if (d == 0) {
            return "";
        }
        String dir = what.equals("row") ? (d < 0 ? "above" : "below") : (d < 0 ? "left" : "right");
        return Math.abs(d) + " " + what + (Math.abs(d) == 1 ? "" : "s") + " " + dir;
    }

    /** Draws {@code kernel}; {@code mask} may be null (an unmasked layer). */
    public void show(KernelWeights kernel, MaskGrid mask) {
        this.kernel = kernel;
        this.mask = mask;
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        if (kernel == null) {
            return;
        }
        double[][] v = kernel.values();
        int kh = v.length;
        int kw = v[0].length;
        double cell = Math.floor(side / Math.max(kh, kw));
        this.cell = cell;
        double max = kernel.maxAbs();
        for (int r = 0; r < kh; r++) {
            for (int c = 0; c < kw; c++) {
                double x = c * cell;
                double y = r * cell;
                boolean blocked = mask != null && !mask.allowed()[r][c];
                g.setFill(blocked ? HeatColors.BLOCKED : HeatColors.diverging(v[r][c], max));
                g.fillRect(x, y, cell, cell);
                g.setStroke(Color.gray(0.35));
                g.setLineWidth(1);
                g.strokeRect(x + 0.5, y + 0.5, cell - 1, cell - 1);
                if (blocked) {
                    double m = cell * 0.25;
                    g.setStroke(Color.gray(0.2));
                    g.setLineWidth(2);
                    g.strokeLine(x + m, y + m, x + cell - m, y + cell - m);
                    g.strokeLine(x + cell - m, y + m, x + m, y + cell - m);
                }
            }
        }
        double cr = (kh / 2) * cell;
        double cc = (kw / 2) * cell;
        g.setStroke(Color.BLACK);
        g.setLineWidth(3);
        g.strokeRect(cc + 1.5, cr + 1.5, cell - 3, cell - 3);
        colourBar(g, kh * cell + 8, kw * cell, max);
    }

    private void colourBar(GraphicsContext g, double y, double width, double max) {
        int steps = 64;
        for (int i = 0; i < steps; i++) {
            double t = -1 + 2.0 * (i + 0.5) / steps;
            g.setFill(HeatColors.diverging(t, 1));
            g.fillRect(width * i / steps, y, width / steps + 1, BAR_HEIGHT);
        }
        g.setStroke(Color.gray(0.35));
        g.setLineWidth(1);
        g.strokeRect(0.5, y + 0.5, width - 1, BAR_HEIGHT - 1);
        g.setFill(Color.gray(0.15));
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(String.format("%+.3f", -max), 0, y + BAR_HEIGHT + 2);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("0", width / 2, y + BAR_HEIGHT + 2);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(String.format("%+.3f", max), width, y + BAR_HEIGHT + 2);
    }
}
