package org.pixelscope.ui.sample;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/**
 * The Sample view's choice of what a class-conditional model draws: one digit, or all of them,
 * one grid row per digit. Shown only while the current model is conditional; it lists that
 * model's classes. Choosing runs {@code onChange} (a new generation).
 *
 * <p>Thread: FX only.
 */
final class DigitPicker extends HBox {

    private final ComboBox<Integer> box = new ComboBox<>();
    private final IntegerProperty digit;
    private boolean filling;

    DigitPicker(IntegerProperty digit, ReadOnlyIntegerProperty classes, Runnable onChange) {
        super(6);
        this.digit = digit;
        setAlignment(Pos.CENTER_LEFT);
        box.setId("digit");
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
            if (!filling && d != null && d != digit.get()) {
                digit.set(d);
                onChange.run();
            }
        });
        digit.addListener((obs, o, d) -> box.setValue(d.intValue()));
        getChildren().addAll(new Label("Digit"), box);
        visibleProperty().bind(classes.greaterThan(0));
        managedProperty().bind(visibleProperty());
        fill(classes.get());
        classes.addListener((obs, o, c) -> fill(c.intValue()));
    }

    /** What the list shows for a choice: a digit, or all of them. */
    static String label(int d) {
        return d == Generation.ALL_DIGITS ? "All digits (a row each)" : Integer.toString(d);
    }

    ComboBox<Integer> box() {
        return box;
    }

    /** The choices for a model of {@code classes} classes; a digit it lacks falls back to all. */
    private void fill(int classes) {
        filling = true;
        try {
            box.getItems().setAll(Generation.ALL_DIGITS);
            for (int d = 0; d < classes; d++) {
                box.getItems().add(d);
            }
            if (digit.get() >= classes) {
                digit.set(Generation.ALL_DIGITS);
            }
            box.setValue(digit.get());
        } finally {
            filling = false;
        }
    }
}
