package org.pixelscope.ui.field;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * The key to a {@link FieldCanvas}: causal region (blue outline), receptive field (blue),
 * blind spot (vermillion, hatched), out of reach (grey) and the current pixel (yellow frame).
 *
 * <p>Thread: FX only.
 */
public final class FieldLegend extends VBox {

    public FieldLegend() {
        super(3);
        getStyleClass().add("field-legend");
        Rectangle causal = new Rectangle(12, 12, Color.TRANSPARENT);
        causal.setStroke(FieldCanvas.CAUSAL);
        causal.setStrokeWidth(2.5);
        Rectangle field = new Rectangle(14, 14, FieldCanvas.FIELD.deriveColor(0, 1, 1, 0.8));
        Line hatch = new Line(0, 14, 14, 0);
        hatch.setStroke(FieldCanvas.BLIND_SPOT.darker());
        hatch.setStrokeWidth(2);
        StackPane blind = new StackPane(new Rectangle(14, 14, FieldCanvas.BLIND_SPOT.deriveColor(0, 1, 1, 0.7)), hatch);
        Rectangle far = new Rectangle(14, 14, FieldCanvas.OUT_OF_REACH.deriveColor(0, 1, 1, 0.6));
        Rectangle frame = new Rectangle(10, 10, Color.TRANSPARENT);
        frame.setStroke(FieldCanvas.CURRENT);
        frame.setStrokeWidth(2);
        StackPane current = new StackPane(new Rectangle(14, 14, Color.BLACK), frame);
        getChildren()
                .addAll(
                        row(causal, "causal region: every pixel before the current one"),
                        row(field, "receptive field: pixels the output actually reads"),
                        row(blind, "blind spot: within the field's reach, never read (hatched)"),
                        row(far, "out of reach: before it, too far for the layers"),
                        row(current, "current pixel"));
    }

    private static HBox row(Node swatch, String text) {
        StackPane box = new StackPane(swatch);
        box.setMinWidth(18);
        Label label = new Label(text);
        label.setWrapText(true);
        HBox r = new HBox(6, box, label);
        r.setAlignment(Pos.CENTER_LEFT);
        return r;
    }
}
