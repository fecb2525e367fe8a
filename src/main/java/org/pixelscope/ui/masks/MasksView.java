package org.pixelscope.ui.masks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import org.pixelscope.inspect.MaskGrid;
import org.pixelscope.model.MaskType;
import org.pixelscope.model.ModelFamilies;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.field.FieldCanvas;

/**
 * The masks of the session's model at their real kernel sizes, why mask A excludes the centre and
 * mask B keeps it, the receptive field of a clicked output pixel after each layer, and the
 * learned kernels. Follows {@code ctx.session().modelProperty()}.
 *
 * <p>Thread: FX only.
 */
public final class MasksView extends BorderPane {

    static final String CAPTION = "Mask A, used by the first layer only, blocks the centre tap: that layer reads"
            + " the image itself, so its output for a pixel must not see the pixel it is about to predict, or the"
            + " model would simply copy the answer. Every later layer reads features that already exclude the"
            + " pixel, so mask B may keep the centre tap, which passes on what the position knows about the pixels"
            + " before it. Both masks block every tap right of the centre and every row below it: the raster order.";
    private static final double CELL = 20;

    private final MasksViewModel vm;
    private final HBox maskCards = new HBox(24);
    private final Label message = new Label();
    private final FieldSection fields;
    private final KernelSection kernels;
    /** Title, mask cards, legend and caption: hidden for a model without masks. */
    private final VBox maskExplanation;

    public MasksView(AppContext ctx) {
        this.vm = new MasksViewModel(ctx);
        getStyleClass().add("masks-view");
        getStylesheets().add(MasksView.class.getResource("masks.css").toExternalForm());
        message.setId("masks-message");
        message.getStyleClass().add("message");
        message.setWrapText(true);
        maskCards.setId("mask-cards");
        maskCards.setAlignment(Pos.BOTTOM_LEFT);
        Label title = new Label("Masks");
        title.getStyleClass().add("section-title");
        Label caption = new Label(CAPTION);
        caption.getStyleClass().add("caption");
        caption.setWrapText(true);
        caption.setMaxWidth(500);
        fields = new FieldSection(vm);
        kernels = new KernelSection(vm);
        maskExplanation = new VBox(12, title, maskCards, legend(), caption);
        VBox left = new VBox(12, maskExplanation, kernels);
        left.setMaxWidth(520);
        HBox columns = new HBox(28, left, fields);
        VBox content = new VBox(14, message, columns);
        content.setPadding(new Insets(14));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        vm.gridsProperty().addListener((obs, o, g) -> showMasks(g));
        vm.modelProperty()
                .addListener((obs, o, m) -> showMasks(vm.gridsProperty().get()));
        showMasks(vm.gridsProperty().get());
    }

    /** The view model, for tests and menus. */
    public MasksViewModel viewModel() {
        return vm;
    }

    /** The clickable 28x28 receptive-field grid, or null without a model. */
    public FieldCanvas fieldGrid() {
        return fields.big();
    }

    public KernelHeatMap kernelHeatMap() {
        return kernels.heatMap();
    }

    private void showMasks(List<MaskGrid> grids) {
        maskCards.getChildren().clear();
        if (vm.modelProperty().get() == null) {
            message.setText("No model is loaded: open a checkpoint or create a model to see its masks.");
        } else if (grids == null) {
            message.setText("Reading the model's masks…");
        } else if (grids.isEmpty()) {
            message.setText(ModelFamilies.of(vm.modelProperty().get().spec())
                    .withoutRasterMasks()
                    .orElse("This model has no masked convolutions, so there are no masks to draw."
                            + " Its receptive field, measured from the model itself, is shown below."));
        } else {
            message.setText("");
        }
        message.setVisible(!message.getText().isEmpty());
        message.setManaged(message.isVisible());
        maskExplanation.setVisible(grids == null || !grids.isEmpty());
        maskExplanation.setManaged(maskExplanation.isVisible());
        if (grids == null) {
            return;
        }
        // one card per distinct mask (type and size), naming every layer that uses it
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < grids.size(); i++) {
            MaskGrid g = grids.get(i);
            groups.computeIfAbsent(g.type() + " " + g.kernelH() + "x" + g.kernelW(), k -> new ArrayList<>())
                    .add(i);
        }
        List<MaskType> seen = new ArrayList<>();
        for (List<Integer> members : groups.values()) {
            MaskGrid g = grids.get(members.get(0));
            MaskGridView view = new MaskGridView(g, CELL);
            view.setId(
                    seen.contains(g.type())
                            ? "mask-" + g.type() + "-" + g.kernelH() + "x" + g.kernelW()
                            : "mask-" + g.type());
            seen.add(g.type());
            Label name = new Label("Mask " + g.type() + " · " + g.kernelH() + "×" + g.kernelW());
            name.getStyleClass().add("card-title");
            Label used = new Label(usedBy(grids, members));
            used.getStyleClass().add("small-caption");
            used.setMinWidth(Region.USE_PREF_SIZE);
            VBox card = new VBox(6, name, view, used);
            card.getStyleClass().add("mask-card");
            maskCards.getChildren().add(card);
        }
    }

    /** The layers using a mask, by name (numbers would not match the field's list, which counts every layer). */
    private static String usedBy(List<MaskGrid> grids, List<Integer> members) {
        String first = grids.get(members.get(0)).layer();
        if (members.size() == 1) {
            return first;
        }
        if (members.size() == 2) {
            return first + ", " + grids.get(members.get(1)).layer();
        }
        String last = grids.get(members.get(members.size() - 1)).layer();
        return first + " … " + last + " (" + members.size() + " layers)";
    }

    private static FlowPane legend() {
        FlowPane legend = new FlowPane(
                18,
                4,
                legendRow(swatch("allowed", false, false), "allowed: the output may read this tap"),
                legendRow(swatch("blocked", true, false), "blocked: weight multiplied by 0"),
                legendRow(swatch("allowed", false, true), "centre: the position being predicted"));
        legend.setPrefWrapLength(500);
        return legend;
    }

    private static StackPane swatch(String kind, boolean cross, boolean centre) {
        StackPane s = new StackPane();
        s.getStyleClass().addAll("mask-cell", kind);
        if (centre) {
            s.getStyleClass().add("centre");
        }
        s.setMinSize(16, 16);
        s.setMaxSize(16, 16);
        if (cross) {
            Line a = new Line(0, 0, 8, 8);
            Line b = new Line(8, 0, 0, 8);
            a.getStyleClass().add("mask-cross");
            b.getStyleClass().add("mask-cross");
            s.getChildren().add(new StackPane(a, b));
        }
        return s;
    }

    private static HBox legendRow(StackPane swatch, String text) {
        HBox row = new HBox(6, swatch, new Label(text));
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
