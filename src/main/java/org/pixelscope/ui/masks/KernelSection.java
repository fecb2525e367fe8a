package org.pixelscope.ui.masks;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.pixelscope.inspect.MaskGrid;

/**
 * The learned kernel of a chosen masked layer and output channel as a heat map, summed over the
 * layer's input channels; taps the mask blocks are drawn as blocked.
 *
 * <p>Thread: FX only.
 */
final class KernelSection extends VBox {

    private static final double SIDE = 168;

    private final MasksViewModel vm;
    private final ChoiceBox<String> layer = new ChoiceBox<>();
    private final SpinnerValueFactory.IntegerSpinnerValueFactory channels =
            new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 63, 0);
    private final KernelHeatMap heat = new KernelHeatMap(SIDE);
    private final Label caption = new Label();

    KernelSection(MasksViewModel vm) {
        this.vm = vm;
        getStyleClass().add("kernel-section");
        setSpacing(6);
        Label title = new Label("Learned kernel");
        title.getStyleClass().add("section-title");
        layer.setId("kernel-layer");
        layer.setPrefWidth(120);
        layer.setMinWidth(Region.USE_PREF_SIZE);
        layer.valueProperty().addListener((obs, o, v) -> {
            if (v != null) {
                vm.kernelLayerProperty().set(v);
            }
        });
        Label channelLabel = new Label("Output channel");
        channelLabel.setMinWidth(Region.USE_PREF_SIZE);
        Spinner<Integer> channel = new Spinner<>(channels);
        channel.setId("kernel-channel");
        channel.setEditable(true);
        channel.setPrefWidth(80);
        channels.valueProperty()
                .addListener((obs, o, v) -> vm.outChannelProperty().set(v));
        Button refresh = new Button("Re-read weights");
        refresh.setOnAction(e -> vm.refreshWeights());
        HBox controls = new HBox(8, new Label("Layer"), layer, channelLabel, channel, refresh);
        controls.setAlignment(Pos.CENTER_LEFT);
        vm.kernelLayerProperty().addListener((obs, o, v) -> layer.setValue(v));
        vm.outChannelProperty().addListener((obs, o, v) -> channels.setValue(v.intValue()));
        heat.setId("kernel-heat");
        caption.setWrapText(true);
        caption.setMaxWidth(300);
        caption.getStyleClass().add("caption");
        HBox body = new HBox(16, heat, caption);
        getChildren().addAll(title, controls, body);
        vm.gridsProperty().addListener((obs, o, g) -> layersChanged(g));
        vm.kernelProperty().addListener((obs, o, k) -> show());
        layersChanged(vm.gridsProperty().get());
    }

    KernelHeatMap heatMap() {
        return heat;
    }

    private void layersChanged(List<MaskGrid> grids) {
        layer.setItems(FXCollections.observableArrayList(
                grids == null ? List.of() : grids.stream().map(MaskGrid::layer).toList()));
        layer.setValue(vm.kernelLayerProperty().get());
        setVisible(grids == null || !grids.isEmpty());
        setManaged(isVisible());
        show();
    }

    private void show() {
        KernelWeights k = vm.kernelProperty().get();
        heat.show(k, vm.kernelMask());
        if (k == null) {
            caption.setText(vm.modelProperty().get() == null ? "" : "Reading the weights…");
            return;
        }
        channels.setMax(k.outChannels() - 1);
        caption.setText(String.format(
                "%s, %s: each cell is the weight of that tap summed over the"
                        + " layer's %d input channel%s, sum over i of W[row, col, i, %d]. Blue is negative, orange"
                        + " positive, white zero (scale ±%.3f). Grey cells with a cross are taps the mask blocks:"
                        + " multiplied by 0 in every forward pass. The framed cell is the centre.%s",
                k.layer(),
                k.channelName(),
                k.inChannels(),
                k.inChannels() == 1 ? "" : "s",
                k.outChannel(),
                k.maxAbs(),
                k.gates()
                        ? " This is the Row LSTM's input-to-state kernel; its output channels are the input,"
                                + " forget, output and cell gates, one block of units each."
                        : ""));
    }
}
