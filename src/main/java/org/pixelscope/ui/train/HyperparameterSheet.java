package org.pixelscope.ui.train;

import java.util.Optional;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TextField;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * The hyperparameters as a ControlsFX {@link PropertySheet}: one numeric row per value, with its
 * reason as the tooltip. While a run goes on only the learning rate stays editable; the others
 * shape the run (its batches, its data, its random numbers) and are locked.
 *
 * <p>ControlsFX's numeric fields commit when they lose focus; Enter commits as well here.
 *
 * <p>Thread: FX only.
 */
final class HyperparameterSheet {

    private HyperparameterSheet() {}

    static PropertySheet create(Hyperparameters h, ObservableBooleanValue training) {
        PropertySheet sheet = new PropertySheet();
        sheet.getStyleClass().add("hyperparameters");
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.getItems()
                .addAll(
                        new NumberItem(
                                "Epochs",
                                "Passes over the training images in this run",
                                Integer.class,
                                h.epochsProperty(),
                                true),
                        new NumberItem(
                                "Batch size",
                                "Images per optimizer step (64 keeps oneDNN busy)",
                                Integer.class,
                                h.batchSizeProperty(),
                                true),
                        new NumberItem(
                                "Learning rate",
                                "Adam's step size; may be changed while training runs",
                                Double.class,
                                h.learningRateProperty(),
                                false),
                        new NumberItem(
                                "Seed",
                                "Fixes initial shuffling, binarisation and the sample strip",
                                Long.class,
                                h.seedProperty(),
                                true),
                        new NumberItem(
                                "Data limit",
                                "Use only the first N training images (0 = all 55,000)",
                                Integer.class,
                                h.limitProperty(),
                                true));
        DefaultPropertyEditorFactory defaults = new DefaultPropertyEditorFactory();
        sheet.setPropertyEditorFactory(item -> {
            PropertyEditor<?> editor = defaults.call(item);
            NumberItem n = (NumberItem) item;
            if (n.locked) {
                editor.getEditor().disableProperty().bind(training);
            }
            if (editor.getEditor() instanceof TextField field) {
                field.setId(n.id());
                field.setOnAction(e -> n.commit(field.getText()));
            }
            return editor;
        });
        return sheet;
    }

    /** A numeric row over one property of {@link Hyperparameters}. */
    static final class NumberItem implements PropertySheet.Item {

        private final String name;
        private final String description;
        private final Class<? extends Number> type;
        private final Property<Number> property;
        private final boolean locked;

        NumberItem(
                String name,
                String description,
                Class<? extends Number> type,
                Property<Number> property,
                boolean locked) {
            this.name = name;
            this.description = description;
            this.type = type;
            this.property = property;
            this.locked = locked;
        }

        /** The editor's node id, e.g. {@code hp-batch-size}, for tests and styling. */
        String id() {
            return "hp-" + name.toLowerCase().replace(' ', '-');
        }

        @Override
        public Class<?> getType() {
            return type;
        }

        @Override
        public String getCategory() {
            return "Training";
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public Object getValue() {
            Number v = property.getValue();
            return type == Integer.class
                    ? (Object) v.intValue()
                    : type == Long.class ? (Object) v.longValue() : v.doubleValue();
        }

        @Override
        public void setValue(Object value) {
            if (value instanceof Number n) {
                property.setValue(n);
            }
        }

        @Override
        public Optional<ObservableValue<?>> getObservableValue() {
            return Optional.of(property);
        }

        /** Parses {@code text} as this row's type and sets it; text that is no number is ignored. */
        void commit(String text) {
            try {
                String t = text.trim();
                setValue(type == Double.class ? (Number) Double.valueOf(t) : (Number) Long.valueOf(t));
            } catch (NumberFormatException e) {
                // the field keeps the text; the property keeps its last number
            }
        }
    }
}
