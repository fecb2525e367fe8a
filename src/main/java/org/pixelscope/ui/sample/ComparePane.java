package org.pixelscope.ui.sample;

import java.util.function.IntConsumer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.pixelscope.inspect.ReceptiveField;
import org.pixelscope.sample.PixelStep;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.ui.field.FieldCanvas;

/**
 * One model's half of a comparison: a caption (the model, how far and how fast its sampler
 * got), its grid, and beside the grid the current pixel of the selected image with the model's
 * receptive field over it and its p(x=1) bar, so the two halves show the same pixel's context
 * and distribution side by side.
 *
 * <p>Thread: FX only.
 */
final class ComparePane extends VBox {

    /** Width of the context column: a 28x28 zoom at 5 screen pixels per image pixel, and a bar below it. */
    static final double COLUMN = 150;

    private final PaneState state;
    private final GridCanvas grid = new GridCanvas();
    private final Label caption = new Label();
    private final Label timing = new Label();
    private final Label pixel = new Label();
    private final Label unseen = new Label();
    private final StackPane zoomHolder = new StackPane();
    private final ProbabilityBar probability = new ProbabilityBar(COLUMN, true);
    private FieldCanvas zoom;
    private int zoomSize;

    /** {@code id}: "a" or "b", for the node ids tests and style sheets use. */
    ComparePane(PaneState state, String id, IntConsumer onImageClicked) {
        super(4);
        this.state = state;
        setId("compare-pane-" + id);
        getStyleClass().add("compare-pane");
        caption.getStyleClass().add("side-title");
        caption.setId("compare-caption-" + id);
        timing.getStyleClass().add("note");
        grid.setId("compare-grid-" + id);
        grid.setOnImageClicked(onImageClicked);
        grid.setMinSize(120, 120);
        pixel.getStyleClass().add("note");
        unseen.getStyleClass().add("note");
        unseen.setWrapText(true);
        unseen.setMinHeight(Region.USE_PREF_SIZE);
        zoomHolder.setAlignment(Pos.TOP_LEFT);
        VBox column = new VBox(6, pixel, zoomHolder, unseen, probability);
        column.getStyleClass().add("compare-context");
        column.setMinWidth(COLUMN);
        column.setPrefWidth(COLUMN);
        column.setMaxWidth(COLUMN);
        HBox body = new HBox(8, grid, column);
        HBox.setHgrow(grid, Priority.ALWAYS);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(caption, timing, body);
        setMinWidth(0);
    }

    GridCanvas grid() {
        return grid;
    }

    ProbabilityBar probability() {
        return probability;
    }

    String caption() {
        return caption.getText();
    }

    /** The line above the zoom: the image and pixel on show. */
    String pixelText() {
        return pixel.getText();
    }

    /** Redraws for playback position {@code shown} and the selected image. */
    void update(int shown, int selected, boolean showCausal, boolean showField) {
        Generation g = state.generation().get();
        caption.setText(state.name().get());
        SampleTrace t = g == null ? null : g.trace();
        grid.show(t, shown, selected, (i, k) -> g.shownValue(i, k, shown));
        if (t == null) {
            timing.setText("Preparing…");
            pixel.setText("");
            unseen.setText("");
            zoomHolder.getChildren().clear();
            zoom = null;
            probability.show(null);
            return;
        }
        double s = g.seconds();
        int cursor = t.cursor();
        timing.setText(
                cursor >= t.pixelsPerImage()
                        ? String.format("computed all %d pixels in %.1f s", cursor, s)
                        : String.format("computing: %d / %d pixels, %.1f s", cursor, t.pixelsPerImage(), s));
        if (zoom == null || zoomSize != t.pixelsPerImage()) {
            zoomSize = t.pixelsPerImage();
            zoom = new FieldCanvas(
                    t.height(), t.width(), Math.max(1, Math.floor(COLUMN / Math.max(t.height(), t.width()))));
            zoomHolder.getChildren().setAll(zoom);
        }
        int image = Math.min(selected, t.count() - 1);
        int[] values = new int[t.pixelsPerImage()];
        for (int k = 0; k < values.length; k++) {
            values[k] = g.shownValue(image, k, shown);
        }
        PixelStep step = g.shownStep(image, shown);
        ReceptiveField rf = state.field().get();
        zoom.setImage(values, t.levels());
        zoom.setShowCausal(showCausal);
        zoom.setShowField(showField);
        if (step == null) {
            zoom.setPixel(-1, -1);
            zoom.setField(null);
            pixel.setText("Image " + (image + 1));
            unseen.setText("");
        } else {
            zoom.setPixel(step.row(), step.col());
            zoom.setField(rf == null ? null : rf.outputField(step.row(), step.col()));
            pixel.setText("Image " + (image + 1) + " · pixel (" + step.row() + ", " + step.col() + ")");
            unseen.setText(
                    rf == null
                            ? "Measuring the field…"
                            : "Unseen: " + rf.blindSpotSize(step.row(), step.col()) + " of "
                                    + (step.row() * t.width() + step.col()) + " earlier pixels");
        }
        zoom.redraw();
        probability.show(step, t.levels());
    }
}
