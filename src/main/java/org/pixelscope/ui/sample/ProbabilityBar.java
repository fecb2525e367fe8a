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
 * The model's conditional distribution for one pixel and the value drawn from it. Every model so
 * far outputs a Bernoulli per pixel, so this is one bar for p(x=1 | pixels before), after the
 * temperature, with p(x=0) as the rest; a model with more levels would need a histogram here.
 * Kept pixels of a completion were not drawn: they show as "given".
 *
 * <p>Thread: FX only.
 */
final class ProbabilityBar extends VBox {

    static final Color ONE = org.pixelscope.ui.Palette.PROBABILITY;
    static final Color ZERO = Color.web("#D9D9D9");

    private static final double BAR = 20;
    private static final double PAD = 8;

    private final Canvas bar;
    private final boolean compact;
    private final Label heading = new Label("p(x = 1 | pixels before)");
    private final Label drawn = new Label();

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

    void show(PixelStep step) {
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
}
