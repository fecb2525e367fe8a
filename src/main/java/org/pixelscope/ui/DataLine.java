package org.pixelscope.ui;

import java.nio.file.Path;
import javafx.scene.control.Label;
import org.pixelscope.data.GreyLevels;
import org.pixelscope.model.PixelModel;

/**
 * The line under the model picker that says what data the app uses: folder, image size, how the
 * current model's pixels are made from the grey values (binarised, or quantised for a grey-level
 * model) and the split of the data actually loaded. It follows the session's data folder and the
 * current model's grey levels.
 *
 * <p>Thread: FX only; the data loads on a worker and the text is set back on the FX thread.
 */
final class DataLine extends Label {

    private final AppContext ctx;

    DataLine(AppContext ctx) {
        this.ctx = ctx;
        setId("data-line");
        getStyleClass().add("data-line");
        setMinWidth(0);
        show();
        ctx.session().dataDirProperty().addListener((obs, was, is) -> show());
        ctx.session().modelProperty().addListener((obs, was, is) -> {
            if (was == null || is == null || was.levels() != is.levels()) {
                show();
            }
        });
    }

    private void show() {
        PixelModel model = ctx.session().getModel();
        String pixels = new GreyLevels(model == null ? GreyLevels.MIN : model.levels()).dataTreatment();
        Path dir = ctx.session().dataDir();
        setText("Data: " + dir + ", " + pixels + " · loading…");
        // the split comes from the data actually loaded, so another folder shows its own counts
        ctx.session()
                .mnist()
                .whenCompleteAsync(
                        (m, err) -> {
                            if (!dir.equals(ctx.session().dataDir())) {
                                return; // a newer folder replaced this one meanwhile
                            }
                            setText(
                                    err != null
                                            ? "Data: " + dir + " could not be read: " + ErrorReporter.messageOf(err)
                                            : String.format(
                                                    "Data: %s %dx%d, %s · %s",
                                                    m.source().getFileName(),
                                                    m.trainAll().rows(),
                                                    m.trainAll().cols(),
                                                    pixels,
                                                    m.splitLine()));
                        },
                        ctx.jobs().fx());
    }
}
