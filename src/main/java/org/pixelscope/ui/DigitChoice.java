package org.pixelscope.ui;

import java.util.Map;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/**
 * A caption and a list of a class-conditional model's digits, after a few special entries (such
 * as "all digits" or "mixture over digits", negative values), bound both ways to {@code value}.
 * Shown only while the model is conditional ({@code classes > 0}); when the model changes to one
 * with fewer classes, a digit it lacks falls back to the first special entry. The Sample view's
 * Digit and the Likelihood view's Given digit are two of these.
 *
 * <p>Thread: FX only.
 */
public final class DigitChoice extends HBox {

    private final ComboBox<Integer> box = new ComboBox<>();
    private final IntegerProperty value;
    private final Map<Integer, String> specials;
    private boolean filling;

    /**
     * @param specials the entries before the digits, in order, with their texts (a linked map)
     * @param onChange run after the user picks another entry
     */
    public DigitChoice(
            String caption,
            IntegerProperty value,
            ReadOnlyIntegerProperty classes,
            Map<Integer, String> specials,
            Runnable onChange) {
        super(6);
        this.value = value;
        this.specials = Map.copyOf(specials);
        setAlignment(Pos.CENTER_LEFT);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer d) {
                return d == null ? "" : label(d);
            }

            @Override
            public Integer fromString(String s) {
                return null; // not editable
            }
        });
        box.valueProperty().addListener((obs, o, d) -> {
            if (!filling && d != null && d != value.get()) {
                value.set(d);
                onChange.run();
            }
        });
        value.addListener((obs, o, d) -> box.setValue(d.intValue()));
        getChildren().addAll(new Label(caption), box);
        visibleProperty().bind(classes.greaterThan(0));
        managedProperty().bind(visibleProperty());
        box.getItems().setAll(specials.keySet());
        fill(classes.get());
        classes.addListener((obs, o, c) -> fill(c.intValue()));
    }

    /** What the list shows for an entry: its special text, or the digit. */
    public String label(int d) {
        return specials.getOrDefault(d, Integer.toString(d));
    }

    public ComboBox<Integer> box() {
        return box;
    }

    private void fill(int classes) {
        filling = true;
        try {
            Integer first = box.getItems().get(0);
            box.getItems().removeIf(d -> !specials.containsKey(d));
            for (int d = 0; d < classes; d++) {
                box.getItems().add(d);
            }
            if (value.get() >= classes) {
                value.set(first);
            }
            box.setValue(value.get());
        } finally {
            filling = false;
        }
    }
}
