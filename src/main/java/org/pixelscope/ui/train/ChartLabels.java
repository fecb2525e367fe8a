package org.pixelscope.ui.train;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * The words on the loss chart: its legend and the hover readout (text and box).
 *
 * <p>Thread: FX only (measures text with a scene-less {@link Text}); {@link #hover} is plain.
 */
final class ChartLabels {

    private final Font font;
    /** Set by the chart before each frame. */
    ChartPalette palette = ChartPalette.LIGHT;

    private final Text measure = new Text();

    ChartLabels(Font font) {
        this.font = font;
    }

    /**
     * What the readout says for training point {@code i}, and for validation point {@code v}
     * when the pointer is near one ({@code -1} otherwise). Lines end with {@code \n}.
     */
    static String hover(LossSeries s, int i, int v, LossUnit unit, int pixels) {
        String fmt = unit == LossUnit.NATS ? "%.2f" : "%.4f";
        String sym = unit.symbol();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "iteration %,d", (long) s.iteration(i)));
        text.append(String.format(Locale.ROOT, "\nloss " + fmt + " %s", unit.of(s.nats(i), pixels), sym));
        text.append(String.format(Locale.ROOT, "\nsmoothed " + fmt + " %s", unit.of(s.smoothed(i), pixels), sym));
        if (v >= 0) {
            text.append(String.format(
                    Locale.ROOT,
                    "\nvalidation after epoch %d: " + fmt + " %s",
                    s.validationEpoch(v),
                    unit.of(s.validationNats(v), pixels),
                    sym));
        }
        return text.toString();
    }

    /** One row of keys, starting at ({@code x}, {@code y}) (vertical centre). */
    void legend(GraphicsContext g, double x, double y) {
        g.setFont(font);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        x = legendLine(g, x, y, LossChart.RAW, 3, "training loss (per batch)");
        x = legendLine(g, x, y, LossChart.SMOOTH, 2.2, "smoothed");
        g.setFill(LossChart.VALIDATION);
        g.fillOval(x + 6, y - 5, 10, 10);
        g.setFill(palette.text());
        g.fillText("validation NLL (per epoch)", x + 22, y);
    }

    private double legendLine(GraphicsContext g, double x, double y, Color c, double width, String label) {
        g.setStroke(c);
        g.setLineWidth(width);
        g.strokeLine(x, y, x + 20, y);
        g.setFill(palette.text());
        g.fillText(label, x + 26, y);
        return x + 26 + width(label) + 18;
    }

    /** A boxed multi-line readout beside {@code x}, flipped to its left near the right edge. */
    void readout(GraphicsContext g, String text, double x, PlotArea area) {
        String[] lines = text.split("\n");
        double longest = 0;
        for (String l : lines) {
            longest = Math.max(longest, width(l));
        }
        double bw = longest + 16;
        double bh = lines.length * 16 + 10;
        double bx = x + 12 + bw > area.right() ? x - 12 - bw : x + 12;
        double by = area.top() + 8;
        g.setFill(palette.readout());
        g.fillRect(bx, by, bw, bh);
        g.setStroke(palette.axis());
        g.setLineWidth(1);
        g.strokeRect(bx + 0.5, by + 0.5, bw, bh);
        g.setFill(palette.text());
        g.setFont(font);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        for (int k = 0; k < lines.length; k++) {
            g.fillText(lines[k], bx + 8, by + 6 + k * 16);
        }
    }

    private double width(String s) {
        measure.setFont(font);
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }
}
