package org.pixelscope.ui.train;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.pixelscope.data.MnistData;
import org.pixelscope.sample.SampleTrace;

/**
 * A row of {@link SampleStripModel#COUNT} samples, white on black like MNIST, each pixel drawn
 * as a 3x3 block, with a "Refresh samples" button and a caption that says when they were drawn.
 *
 * <p>Thread: FX only.
 */
final class SampleStrip extends VBox {

    static final int SCALE = 3;

    private final ImageView[] tiles = new ImageView[SampleStripModel.COUNT];

    SampleStrip(SampleStripModel model) {
        getStyleClass().add("sample-strip");
        Label title = new Label("Samples from the current weights");
        title.getStyleClass().add("section-title");
        Button refresh = new Button("Refresh samples");
        refresh.setId("refresh-samples");
        refresh.setOnAction(e -> model.refresh("from the current weights"));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.busyProperty());
        Label caption = new Label();
        caption.setId("sample-strip-caption");
        caption.getStyleClass().add("caption");
        caption.textProperty().bind(model.captionProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, busy, caption, spacer, refresh);
        header.setAlignment(Pos.CENTER_LEFT);
        HBox row = new HBox(8);
        row.getStyleClass().add("tiles");
        for (int i = 0; i < tiles.length; i++) {
            tiles[i] = new ImageView();
            tiles[i].setSmooth(false);
            tiles[i].setFitWidth(MnistData.SIDE * SCALE);
            tiles[i].setFitHeight(MnistData.SIDE * SCALE);
            StackPane tile = new StackPane(tiles[i]);
            tile.getStyleClass().add("tile");
            row.getChildren().add(tile);
        }
        getChildren().addAll(header, row);
        model.samplesProperty().addListener((o, was, now) -> show(now));
        show(model.samplesProperty().get());
    }

    private void show(SampleTrace trace) {
        for (int i = 0; i < tiles.length; i++) {
            tiles[i].setImage(trace == null || i >= trace.count() ? null : image(trace, i));
        }
    }

    /** One sample at its own size; the image view scales it without smoothing. */
    private static WritableImage image(SampleTrace trace, int index) {
        int w = trace.width();
        int h = trace.height();
        WritableImage img = new WritableImage(w, h);
        PixelWriter pw = img.getPixelWriter();
        int done = trace.cursor();
        for (int k = 0; k < w * h; k++) {
            Color c = k >= done
                    ? Color.web("#202040")
                    : Color.gray(trace.value(index, k) / (double) (trace.levels() - 1));
            pw.setColor(k % w, k / w, c);
        }
        return img;
    }
}
