package org.pixelscope.ui.sample;

import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

/**
 * An exact temperature beside the slider: type a value and press Enter (or leave the field). A
 * value outside {@link #MIN}..{@link #MAX} or not a number is refused: on Enter the field turns
 * red and its tooltip says what is allowed; leaving the field puts the last good value back.
 *
 * <p>Thread: FX only.
 */
final class TemperatureField extends TextField {

    /** The slider's range: below 0.1 sampling is all but greedy, above 2 it is mostly noise. */
    static final double MIN = 0.1;

    static final double MAX = 2.0;
    private static final String INVALID = "invalid";

    private final DoubleProperty temperature;

    /** Follows and sets {@code temperature} (whose slider starts the new generation). */
    TemperatureField(DoubleProperty temperature) {
        this.temperature = temperature;
        setId("temperature-field");
        setPrefColumnCount(4);
        show(temperature.get());
        temperature.addListener((obs, o, v) -> show(v.doubleValue()));
        setOnAction(e -> apply());
        focusedProperty().addListener((obs, was, focused) -> {
            if (!focused && !apply()) {
                show(temperature.get());
            }
        });
    }

    /**
     * The temperature {@code text} names, or an IllegalArgumentException whose message says what
     * is allowed. Accepts a decimal comma as well as a point.
     */
    static double parse(String text) {
        String t = text == null ? "" : text.trim().replace(',', '.');
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Temperature must be a number from " + MIN + " to " + MAX + ", not \"" + text + "\"");
        }
        if (!(v >= MIN && v <= MAX)) {
            throw new IllegalArgumentException("Temperature must be from " + MIN + " to " + MAX + ", not " + t);
        }
        return v;
    }

    /** Applies the typed value; false (and the field marked) when it is refused. */
    boolean apply() {
        double v;
        try {
            v = parse(getText());
        } catch (IllegalArgumentException e) {
            if (!getStyleClass().contains(INVALID)) {
                getStyleClass().add(INVALID);
            }
            setTooltip(new Tooltip(e.getMessage()));
            return false;
        }
        temperature.set(v);
        show(v);
        return true;
    }

    /** Shows {@code v} (two decimals are what the slider can set; a typed value is kept exactly). */
    private void show(double v) {
        getStyleClass().remove(INVALID);
        setTooltip(null);
        String text = String.format(Locale.ROOT, "%.2f", v);
        setText(Double.parseDouble(text) == v ? text : Double.toString(v));
    }
}
