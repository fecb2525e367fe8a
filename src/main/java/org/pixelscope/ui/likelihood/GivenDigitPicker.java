package org.pixelscope.ui.likelihood;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/**
 * The Likelihood view's choice of which p(x | y) a class-conditional model's map shows: the
 * image's true label, the mixture over digits, or one digit. Shown only while the current model
 * is conditional; it lists that model's classes.
 *
 * <p>Thread: FX only.
 */
final class GivenDigitPicker extends HBox {

    private final ComboBox<Integer> box = new ComboBox<>();
    private final IntegerProperty given;
    private boolean filling;

    GivenDigitPicker(IntegerProperty given, ReadOnlyIntegerProperty classes) {
        super(6);
        this.given = given;
        setAlignment(Pos.CENTER_LEFT);
        setId("given-digit-choice");
        box.setId("given-digit");
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
            if (!filling && d != null && d != given.get()) {
                given.set(d);
            }
        });
        given.addListener((obs, o, d) -> box.setValue(d.intValue()));
        getChildren().addAll(new Label("Given digit"), box);
        visibleProperty().bind(classes.greaterThan(0));
        managedProperty().bind(visibleProperty());
        fill(classes.get());
        classes.addListener((obs, o, c) -> fill(c.intValue()));
    }

    static String label(int d) {
        return switch (d) {
            case ImageScore.GIVEN_TRUE_LABEL -> "true label";
            case ImageScore.GIVEN_MIXTURE -> "mixture over digits";
            default -> Integer.toString(d);
        };
    }

    private void fill(int classes) {
        filling = true;
        try {
            box.getItems().setAll(ImageScore.GIVEN_TRUE_LABEL, ImageScore.GIVEN_MIXTURE);
            for (int d = 0; d < classes; d++) {
                box.getItems().add(d);
            }
            if (given.get() >= classes) {
                given.set(ImageScore.GIVEN_TRUE_LABEL);
            }
            box.setValue(given.get());
        } finally {
            filling = false;
        }
    }
}
