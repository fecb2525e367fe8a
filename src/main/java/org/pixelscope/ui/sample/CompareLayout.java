package org.pixelscope.ui.sample;

import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.pixelscope.ui.field.FieldLegend;

/**
 * The Sample view while comparing two models: their {@link ComparePane panes} side by side,
 * equally wide, and under them the overlay switches and legend shared by both and the "same coin
 * flips" note, which counts the pixels where the two generations differ so far.
 *
 * <p>Thread: FX only.
 */
final class CompareLayout extends VBox {

    private final SampleViewModel vm;
    private final ComparePane left;
    private final ComparePane right;
    private final CheckBox causal = new CheckBox("Causal region and blind spot");
    private final CheckBox field = new CheckBox("Field");
    private final Label coins = new Label();

    CompareLayout(SampleViewModel vm) {
        super(8);
        this.vm = vm;
        setId("compare-layout");
        left = new ComparePane(
                vm.sessionPane(), "a", i -> vm.selectedImageProperty().set(i));
        right = new ComparePane(
                vm.comparedPane(), "b", i -> vm.selectedImageProperty().set(i));
        GridPane panes = new GridPane();
        panes.setHgap(16);
        for (int c = 0; c < 2; c++) {
            ColumnConstraints half = new ColumnConstraints();
            half.setPercentWidth(50);
            half.setHgrow(Priority.ALWAYS);
            panes.getColumnConstraints().add(half);
        }
        RowConstraints row = new RowConstraints();
        row.setVgrow(Priority.ALWAYS);
        row.setFillHeight(true);
        panes.getRowConstraints().add(row);
        panes.add(left, 0, 0);
        panes.add(right, 1, 0);
        VBox.setVgrow(panes, Priority.ALWAYS);
        causal.setSelected(true);
        field.setSelected(true);
        causal.selectedProperty().addListener(o -> update());
        field.selectedProperty().addListener(o -> update());
        FieldLegend legend = new FieldLegend();
        VBox overlays = new VBox(4, new HBox(12, causal, field), legend);
        overlays.setMinWidth(Region.USE_PREF_SIZE);
        coins.setId("compare-coins");
        coins.getStyleClass().add("note");
        coins.setWrapText(true);
        coins.setMinHeight(0);
        HBox below = new HBox(16, overlays, coins);
        HBox.setHgrow(coins, Priority.ALWAYS);
        below.setPadding(new Insets(4, 0, 0, 0));
        getChildren().addAll(panes, below);
    }

    ComparePane left() {
        return left;
    }

    ComparePane right() {
        return right;
    }

    /** Redraws both panes for the playback position and selection, and recounts the differing pixels. */
    void update() {
        int shown = vm.shownProperty().get();
        int selected = vm.selectedImageProperty().get();
        left.update(shown, selected, causal.isSelected(), field.isSelected());
        right.update(shown, selected, causal.isSelected(), field.isSelected());
        Agreement a = vm.agreement();
        String count = a.compared() == 0
                ? ""
                : String.format(
                        " So far %,d of the %,d pixels drawn in both differ (%.1f%%).",
                        a.differ(), a.compared(), 100.0 * a.differ() / a.compared());
        coins.setText("Same seed, same coin flips: both panes draw pixel k of image i with the same random"
                + " number u (ink where u < p(x=1)), so they differ only where u falls between their two"
                + " p(x=1). Once an image differs, later pixels see different contexts and drift apart."
                + count);
    }
}
