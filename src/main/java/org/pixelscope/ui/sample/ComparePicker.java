package org.pixelscope.ui.sample;

import java.io.File;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.ComboBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * "Compare with": none, the shipped checkpoint, a new untrained network of every registered
 * spec, or "Open checkpoint…" (a file chooser). It edits the view model's compared source and
 * shows it, including a checkpoint file once chosen.
 *
 * <p>Thread: FX only.
 */
final class ComparePicker extends ComboBox<ComparePicker.Entry> {

    /** One entry of the list; {@code source} is null for "Open checkpoint…". */
    record Entry(String label, CompareSource source) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static final Entry OPEN = new Entry("Open checkpoint…", null);

    private final ObjectProperty<CompareSource> source;
    private boolean updating;
    private boolean choosing;

    ComparePicker(ObjectProperty<CompareSource> source, Supplier<Window> owner) {
        this.source = source;
        setId("compare-with");
        setPrefWidth(300);
        for (CompareSource s : CompareSource.offered()) {
            getItems().add(new Entry(s.label(), s));
        }
        getItems().add(OPEN);
        show(source.get());
        source.addListener((obs, o, s) -> {
            if (choosing) {
                // a choice that failed at once; selecting inside the selection listener confuses ComboBox
                Platform.runLater(() -> show(source.get()));
            } else {
                show(s);
            }
        });
        getSelectionModel().selectedItemProperty().addListener((obs, was, entry) -> {
            if (updating || entry == null) {
                return;
            }
            choosing = true;
            try {
                choose(entry, owner);
            } finally {
                choosing = false;
            }
        });
    }

    private void choose(Entry entry, Supplier<Window> owner) {
        if (entry == OPEN) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Compare with checkpoint");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PixelScope checkpoint", "*.zip"));
            File f = chooser.showOpenDialog(owner.get());
            if (f == null) {
                Platform.runLater(() -> show(source.get()));
            } else {
                source.set(new CompareSource.Checkpoint(f.toPath()));
            }
        } else {
            source.set(entry.source());
        }
    }

    /** Selects the entry of {@code s}, adding one for a checkpoint file. */
    private void show(CompareSource s) {
        updating = true;
        try {
            Entry entry = getItems().stream()
                    .filter(e -> s.equals(e.source()))
                    .findFirst()
                    .orElseGet(() -> {
                        Entry e = new Entry("Checkpoint: " + s.label(), s);
                        getItems().add(getItems().size() - 1, e);
                        return e;
                    });
            getSelectionModel().select(entry);
        } finally {
            updating = false;
        }
    }
}
