package org.pixelscope.ui.data;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Shows a {@link DataPreview} and asks whether to use the data: the description, the warnings in
 * their own colour, and the first images as converted and as the model sees them, each pixel a
 * square (no smoothing, so what is shown is what trains).
 *
 * <p>Thread: FX only.
 */
public final class DataPreviewDialog extends Dialog<Boolean> {

    /** The confirming button. */
    public static final ButtonType USE = new ButtonType("Use This Data", ButtonBar.ButtonData.OK_DONE);

    /** Width of the content: twelve 56-pixel images a row with their gaps. */
    static final double WIDTH = 12 * (28 * 2 + 4) + 24;

    /** Height of the content before it scrolls: fits a 1366x768 laptop with the buttons. */
    static final double PREF_HEIGHT = 540;

    /** Screen pixels per image pixel: 28x28 becomes 56x56, large enough to see single pixels. */
    static final int SCALE = 2;

    public DataPreviewDialog(Window owner, DataPreview preview) {
        initOwner(owner);
        setTitle("Open Data");
        setHeaderText(preview.opened().data().source().getFileName() + ": what the model will see");
        setResizable(true);
        VBox box = new VBox(8);
        box.setId("data-preview");
        box.setPadding(new Insets(4, 12, 0, 12));
        for (String line : preview.lines()) {
            Label l = new Label(line);
            l.setWrapText(true);
            box.getChildren().add(l);
        }
        box.getChildren().add(caption("As converted (grey, " + preview.cols() + "x" + preview.rows() + "):"));
        box.getChildren().add(grid(preview.grey(), preview, "preview-grey"));
        box.getChildren()
                .add(caption("As the model sees them (each pixel ink with probability grey/255; "
                        + "the fixed draw the test NLL uses):"));
        box.getChildren().add(grid(preview.bits(), preview, "preview-bits"));
        for (String warning : preview.warnings()) {
            Label l = new Label(warning);
            l.setWrapText(true);
            l.getStyleClass().add("data-warning");
            box.getChildren().add(l);
        }
        // twelve images a row; the content scrolls on a small screen so the buttons stay in reach
        box.setPrefWidth(WIDTH);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(Math.min(PREF_HEIGHT, box.prefHeight(WIDTH)));
        scroll.setPrefViewportWidth(WIDTH);
        getDialogPane().setContent(scroll);
        getDialogPane().getButtonTypes().addAll(USE, ButtonType.CANCEL);
        getDialogPane().lookupButton(USE).setDisable(!preview.usable());
        setResultConverter(button -> button == USE);
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("caption");
        l.setWrapText(true);
        return l;
    }

    private static FlowPane grid(List<int[]> images, DataPreview preview, String id) {
        FlowPane pane = new FlowPane(4, 4);
        pane.setId(id);
        pane.setPrefWrapLength(12 * (preview.cols() * SCALE + 4));
        for (int[] argb : images) {
            WritableImage image = new WritableImage(preview.cols(), preview.rows());
            image.getPixelWriter()
                    .setPixels(
                            0,
                            0,
                            preview.cols(),
                            preview.rows(),
                            PixelFormat.getIntArgbInstance(),
                            argb,
                            0,
                            preview.cols());
            ImageView view = new ImageView(image);
            view.setSmooth(false);
            view.setFitWidth(preview.cols() * SCALE);
            view.setFitHeight(preview.rows() * SCALE);
            pane.getChildren().add(view);
        }
        return pane;
    }
}
