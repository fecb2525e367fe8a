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

    static final Color ONE = Color.web("#0072B2");
    static final Color ZERO = Color.web("#D9D9D9");

    private final Canvas bar = new Canvas(280, 26);
    private final Label heading = new Label("p(x = 1 | pixels before)");
    private final Label drawn = new Label();

    ProbabilityBar() {
        super(4);
        getStyleClass().add("probability-bar");
        heading.getStyleClass().add("side-title");
        bar.setId("probability-canvas");
        drawn.setId("probability-text");
        drawn.setWrapText(true);
        getChildren().addAll(heading, bar, drawn);
        show(null);
    }

    /** The drawn text, for tests. */
    String text() {
        return drawn.getText();
    }

    void show(PixelStep step) {
        GraphicsContext g = bar.getGraphicsContext2D();
        double w = bar.getWidth();
        double h = bar.getHeight();
        g.clearRect(0, 0, w, h);
        g.setFill(Color.web("#F4F4F4"));
        g.fillRect(0, 0, w, h);
        g.setStroke(Color.gray(0.5));
        g.strokeRect(0.5, 0.5, w - 1, h - 1);
        if (step == null) {
            drawn.setText("No pixel drawn yet.");
            return;
        }
        String where = "Pixel (" + step.row() + ", " + step.col() + ") of image " + (step.image() + 1) + ": ";
        if (step.given()) {
            drawn.setText(where + "given, kept from the test image (value " + step.value() + "); not drawn.");
            g.setFill(Color.gray(0.4));
            g.setFont(Font.font(12));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("given", w / 2, h / 2);
            return;
        }
        double p = step.probability();
        g.setFill(ONE);
        g.fillRect(1, 1, (w - 2) * p, h - 2);
        g.setFill(ZERO);
        g.fillRect(1 + (w - 2) * p, 1, (w - 2) * (1 - p), h - 2);
        g.setStroke(Color.BLACK);
        g.setLineWidth(2);
        double mx = 1 + (w - 2) * p;
        g.strokeLine(mx, 0, mx, h);
        g.setLineWidth(1);
        g.setFont(Font.font(12));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(p > 0.2 ? Color.WHITE : Color.BLACK);
        g.fillText(String.format("1: %.3f", p), 6, h / 2);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setFill(Color.BLACK);
        g.fillText(String.format("0: %.3f", 1 - p), w - 6, h / 2);
        drawn.setText(where + String.format("p(x=1) = %.3f, drew %d (%s).", p, step.value(),
                step.value() == 1 ? "white, ink" : "black, background"));
    }
}
