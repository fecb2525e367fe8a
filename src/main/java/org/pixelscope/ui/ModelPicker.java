package org.pixelscope.ui;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.train.ShippedModels;

/**
 * The model picker: the shipped pretrained checkpoints by family with their test NLL ({@link
 * ShippedModels}), a new untrained network for every spec in the registry, and "Open
 * checkpoint…". Picking an entry asks the session to switch; the prompt text always shows the
 * model in use.
 *
 * <p>Thread: FX only.
 */
public final class ModelPicker extends ComboBox<ModelPicker.Choice> {

    /** One entry of the list: a shipped checkpoint, a spec to build, or "open a file". */
    public record Choice(String label, ModelSpec spec, Path shipped, boolean open) {
        @Override
        public String toString() {
            return label;
        }
    }

    private boolean updating;

    public ModelPicker(Consumer<Path> openShipped, Consumer<ModelSpec> createNew, Runnable openFile) {
        for (ShippedModels.Shipped s : ShippedModels.all()) {
            getItems().add(new Choice("Pretrained: " + s.label(), null, s.path(), false));
        }
        for (ModelSpec spec : ModelSpecs.all()) {
            getItems().add(new Choice("New: " + spec.name() + " (untrained)", spec, null, false));
        }
        getItems().add(new Choice("Open checkpoint…", null, null, true));
        setItems(FXCollections.observableArrayList(getItems()));
        setPrefWidth(340);
        setId("model-picker");
        setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(Choice item, boolean empty) {
                super.updateItem(item, empty);
                setText(getPromptText());
            }
        });
        getSelectionModel().selectedItemProperty().addListener((obs, was, choice) -> {
            if (choice == null || updating) {
                return;
            }
            if (choice.shipped() != null) {
                openShipped.accept(choice.shipped());
            } else if (choice.open()) {
                openFile.run();
            } else {
                createNew.accept(choice.spec());
            }
            // clearing inside the selection listener confuses ComboBox; do it right after
            javafx.application.Platform.runLater(() -> {
                updating = true;
                getSelectionModel().clearSelection();
                updating = false;
            });
        });
    }

    /** Shows the current model in the closed picker. */
    public void showCurrent(String text) {
        setPromptText(text);
        getButtonCell().setText(text);
    }
}
