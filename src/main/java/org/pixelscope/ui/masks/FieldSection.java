package org.pixelscope.ui.masks;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.pixelscope.inspect.ReceptiveField;
import org.pixelscope.model.PixelModel;
import org.pixelscope.ui.field.FieldCanvas;
import org.pixelscope.ui.field.FieldLegend;

/**
 * The receptive field of the output pixel the user clicks, layer by layer: a large grid for the
 * layer on the slider (click it to pick the pixel) and a row of small grids, one per layer, so
 * the growth of the field and the blind spot that stays to the upper right are visible at once.
 *
 * <p>Thread: FX only.
 */
final class FieldSection extends VBox {

    private static final double BIG_SIDE = 308;
    private static final double SMALL_SIDE = 84;

    private final MasksViewModel vm;
    private final StackPane bigHolder = new StackPane();
    private final FlowPane smalls = new FlowPane(8, 8);
    private final Slider layerSlider = new Slider(1, 1, 1);
    private final Label layerLabel = new Label();
    private final Label caption = new Label();
    private final List<FieldCanvas> small = new ArrayList<>();
    private final List<VBox> smallBoxes = new ArrayList<>();
    private FieldCanvas big;

    FieldSection(MasksViewModel vm) {
        this.vm = vm;
        getStyleClass().add("field-section");
        setSpacing(6);
        Label title = new Label("Receptive field of an output pixel (click a pixel)");
        title.getStyleClass().add("section-title");
        layerSlider.setId("layer-slider");
        layerSlider.setMajorTickUnit(1);
        layerSlider.setMinorTickCount(0);
        layerSlider.setSnapToTicks(true);
        layerSlider.setBlockIncrement(1);
        layerSlider.setShowTickMarks(true);
        layerSlider.setPrefWidth(110);
        layerSlider
                .valueProperty()
                .addListener((obs, o, v) -> vm.layerProperty().set((int) Math.round(v.doubleValue()) - 1));
        vm.layerProperty().addListener((obs, o, v) -> layerSlider.setValue(v.intValue() + 1));
        caption.setWrapText(true);
        caption.setMaxWidth(320);
        caption.setPrefWidth(320);
        caption.getStyleClass().add("caption");
        caption.setId("field-caption");
        smalls.setId("layer-fields");
        bigHolder.setAlignment(Pos.TOP_LEFT);
        Label after = new Label("After layer");
        after.setMinWidth(Region.USE_PREF_SIZE);
        layerLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox sliderRow = new HBox(8, after, layerSlider, layerLabel);
        sliderRow.setAlignment(Pos.CENTER_LEFT);
        smalls.setPrefWrapLength(6 * (SMALL_SIDE + 24));
        Label smallTitle = new Label("The same output pixel after each layer (click one to show it large)");
        smallTitle.getStyleClass().add("small-caption");
        HBox top = new HBox(16, new VBox(6, bigHolder, sliderRow), new VBox(12, new FieldLegend(), caption));
        getChildren().addAll(title, top, smallTitle, smalls);
        vm.fieldProperty().addListener((obs, o, rf) -> rebuild());
        vm.modelProperty().addListener((obs, o, m) -> rebuild());
        for (Observable p : List.of(vm.pixelRowProperty(), vm.pixelColProperty(), vm.layerProperty())) {
            p.addListener(obs -> redraw());
        }
        rebuild();
    }

    /** The large grid (for tests and the demo), or null before a model is loaded. */
    FieldCanvas big() {
        return big;
    }

    private void rebuild() {
        PixelModel m = vm.modelProperty().get();
        ReceptiveField rf = vm.fieldProperty().get();
        smalls.getChildren().clear();
        small.clear();
        smallBoxes.clear();
        bigHolder.getChildren().clear();
        big = null;
        if (m == null) {
            return;
        }
        int h = m.spec().height();
        int w = m.spec().width();
        big = new FieldCanvas(h, w, Math.floor(BIG_SIDE / Math.max(h, w)));
        big.setId("field-big");
        big.setOnPixelClicked(vm::selectPixel);
        bigHolder.getChildren().add(big);
        if (rf != null) {
            List<String> layers = rf.layers();
            layerSlider.setMax(layers.size());
            layerSlider.setValue(vm.layerProperty().get() + 1);
            for (int i = 0; i < layers.size(); i++) {
                FieldCanvas c = new FieldCanvas(h, w, Math.max(1, Math.floor(SMALL_SIDE / Math.max(h, w))));
                int index = i;
                c.setOnPixelClicked((r, col) -> layerSlider.setValue(index + 1));
                Label name = new Label((i + 1) + " " + FieldCaption.display(layers.get(i)));
                name.getStyleClass().add("small-caption");
                name.setWrapText(true);
                VBox box = new VBox(2, c, name);
                box.setPrefWidth(SMALL_SIDE + 36);
                box.setMaxWidth(SMALL_SIDE + 36);
                box.getStyleClass().add("layer-field");
                small.add(c);
                smallBoxes.add(box);
                smalls.getChildren().add(box);
            }
        }
        redraw();
    }

    private void redraw() {
        if (big == null) {
            return;
        }
        ReceptiveField rf = vm.fieldProperty().get();
        int row = vm.pixelRowProperty().get();
        int col = vm.pixelColProperty().get();
        big.setPixel(row, col);
        if (rf == null) {
            big.setField(null);
            big.redraw();
            layerLabel.setText("");
            caption.setText("Measuring the receptive field on a copy of the model…");
            return;
        }
        List<String> layers = rf.layers();
        int layer = Math.max(0, Math.min(layers.size() - 1, vm.layerProperty().get()));
        big.setField(rf.field(layers.get(layer), row, col));
        big.redraw();
        for (int i = 0; i < small.size(); i++) {
            boolean[][] f = rf.field(layers.get(i), row, col);
            small.get(i).setPixel(row, col);
            small.get(i).setField(f);
            small.get(i).redraw();
            ((Label) smallBoxes.get(i).getChildren().get(1))
                    .setText(
                            (i + 1) + " " + FieldCaption.display(layers.get(i)) + "\n" + FieldCaption.count(f) + " px");
            smallBoxes.get(i).getStyleClass().remove("selected");
            if (i == layer) {
                smallBoxes.get(i).getStyleClass().add("selected");
            }
        }
        layerLabel.setText((layer + 1) + " of " + layers.size() + ": " + FieldCaption.display(layers.get(layer)));
        caption.setText(FieldCaption.text(vm.modelProperty().get().spec(), rf, layer, row, col));
    }
}
