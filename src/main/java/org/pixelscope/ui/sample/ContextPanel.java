package org.pixelscope.ui.sample;

import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.pixelscope.inspect.ReceptiveField;
import org.pixelscope.sample.PixelStep;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.ui.field.FieldCanvas;
import org.pixelscope.ui.field.FieldLegend;

/**
 * Beside the grid, for the selected image: a zoomed copy with the context of the current pixel
 * (causal region, the model's true receptive field from {@code inspect}, and the blind spot
 * between them), a legend, the model's distribution for the pixel and the value drawn, and in
 * completion mode the original test image with the kept rows marked.
 *
 * <p>Thread: FX only.
 */
final class ContextPanel extends VBox {

    private static final double ZOOM = 252;
    private static final double ORIGINAL_CELL = 4;

    private final SampleViewModel vm;
    private final StackPane zoomHolder = new StackPane();
    private final Label title = new Label();
    private final Label fieldNote = new Label();
    private final CheckBox causal = new CheckBox("Causal region and blind spot");
    private final CheckBox field = new CheckBox("Field");
    private final ProbabilityBar probability = new ProbabilityBar();
    private final VBox originalBox = new VBox(4);
    private final Canvas original = new Canvas();
    private final Label originalTitle = new Label();
    private FieldCanvas zoom;
    private int zoomSize;

    ContextPanel(SampleViewModel vm) {
        super(8);
        this.vm = vm;
        getStyleClass().add("context-panel");
        title.getStyleClass().add("side-title");
        title.setId("context-title");
        fieldNote.getStyleClass().add("note");
        fieldNote.setWrapText(true);
        causal.setSelected(true);
        field.setSelected(true);
        causal.selectedProperty().addListener(o -> update());
        field.selectedProperty().addListener(o -> update());
        original.setId("original-canvas");
        originalTitle.getStyleClass().add("side-title");
        originalBox.getChildren().addAll(originalTitle, original);
        zoomHolder.setAlignment(Pos.TOP_LEFT);
        getChildren()
                .addAll(
                        title,
                        zoomHolder,
                        // the pixel's distribution right under it: at the default window size
                        // a K-bar histogram below the legend was out of sight
                        probability,
                        new HBox(12, causal, field),
                        new FieldLegend(),
                        fieldNote,
                        originalBox);
        vm.originalProperty().addListener(o -> drawOriginal());
        vm.traceProperty().addListener(o -> drawOriginal());
        vm.keptRowsProperty().addListener(o -> drawOriginal());
        drawOriginal();
    }

    /** Whether the field is shown (the Field box). */
    boolean showField() {
        return field.isSelected();
    }

    /** Whether the causal region and blind spot are shown. */
    boolean showCausal() {
        return causal.isSelected();
    }

    /** Calls {@code action} when either box changes. */
    void onToggles(Runnable action) {
        causal.selectedProperty().addListener(o -> action.run());
        field.selectedProperty().addListener(o -> action.run());
    }

    ProbabilityBar probability() {
        return probability;
    }

    FieldCanvas zoom() {
        return zoom;
    }

    /** Redraws for the current playback position, selection and field. */
    void update() {
        SampleTrace t = vm.traceProperty().get();
        if (t == null) {
            zoomHolder.getChildren().clear();
            zoom = null;
            title.setText("No model loaded");
            probability.show(null);
            return;
        }
        if (zoom == null || zoomSize != t.pixelsPerImage()) {
            zoomSize = t.pixelsPerImage();
            zoom = new FieldCanvas(t.height(), t.width(), Math.floor(ZOOM / Math.max(t.height(), t.width())));
            zoom.setId("context-zoom");
            zoomHolder.getChildren().setAll(zoom);
        }
        int image = Math.min(vm.selectedImageProperty().get(), t.count() - 1);
        int[] values = new int[t.pixelsPerImage()];
        for (int k = 0; k < values.length; k++) {
            values[k] = vm.valueAt(image, k);
        }
        PixelStep step = vm.currentStep();
        ReceptiveField rf = vm.fieldProperty().get();
        zoom.setImage(values, t.levels());
        zoom.setShowCausal(causal.isSelected());
        zoom.setShowField(field.isSelected());
        if (step == null) {
            zoom.setPixel(-1, -1);
            zoom.setField(null);
            title.setText("Image " + (image + 1) + " of " + t.count());
            fieldNote.setText("");
        } else {
            zoom.setPixel(step.row(), step.col());
            zoom.setField(rf == null ? null : rf.outputField(step.row(), step.col()));
            title.setText(
                    "Image " + (image + 1) + " of " + t.count() + ", pixel (" + step.row() + ", " + step.col() + ")");
            fieldNote.setText(
                    rf == null
                            ? "Measuring the model's receptive field…"
                            : "Unseen: " + rf.blindSpotSize(step.row(), step.col()) + " of the "
                                    + (step.row() * t.width() + step.col())
                                    + " pixels before this one are out of the model's sight: "
                                    + org.pixelscope.ui.field.Unseen.of(
                                                    rf.outputField(step.row(), step.col()), step.row(), step.col())
                                            .describe()
                                    + ".");
        }
        zoom.redraw();
        probability.show(step, t.levels());
    }

    private void drawOriginal() {
        float[] img = vm.originalProperty().get();
        SampleTrace t = vm.traceProperty().get();
        originalBox.setVisible(img != null && t != null);
        originalBox.setManaged(originalBox.isVisible());
        if (img == null || t == null) {
            return;
        }
        int w = t.width();
        int h = t.height();
        int kept = Math.max(1, Math.min(h - 1, vm.keptRowsProperty().get()));
        originalTitle.setText("Original: test image " + vm.testImageProperty().get() + " (top " + kept + " rows kept)");
        original.setWidth(w * ORIGINAL_CELL);
        original.setHeight(h * ORIGINAL_CELL);
        GraphicsContext g = original.getGraphicsContext2D();
        for (int k = 0; k < img.length; k++) {
            g.setFill(img[k] > 0.5 ? Color.WHITE : Color.BLACK);
            g.fillRect((k % w) * ORIGINAL_CELL, (k / w) * ORIGINAL_CELL, ORIGINAL_CELL, ORIGINAL_CELL);
        }
        g.setStroke(FieldCanvas.FIELD);
        g.setLineWidth(2);
        g.strokeLine(0, kept * ORIGINAL_CELL, w * ORIGINAL_CELL, kept * ORIGINAL_CELL);
    }
}
