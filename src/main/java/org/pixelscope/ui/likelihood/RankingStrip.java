package org.pixelscope.ui.likelihood;

import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * One end of the ranking as a block of thumbnails, six to a row, each with its NLL in nats beneath; clicking a
 * thumbnail shows that test image's map.
 *
 * <p>Thread: FX only.
 */
final class RankingStrip extends VBox {

    private static final double THUMB_CELL = 2;

    private static final int COLUMNS = 6;

    private final TilePane thumbs = new TilePane(6, 4);
    private final IntConsumer onPick;

    RankingStrip(String title, String id, IntConsumer onPick) {
        this.onPick = onPick;
        thumbs.setPrefColumns(COLUMNS);
        setId(id);
        getStyleClass().add("ranking-strip");
        Label heading = new Label(title);
        heading.getStyleClass().add("strip-title");
        getChildren().addAll(heading, thumbs);
        setSpacing(3);
    }

    void show(List<Ranking.Entry> entries) {
        thumbs.getChildren().clear();
        for (Ranking.Entry e : entries) {
            CellGrid image = new CellGrid(THUMB_CELL);
            int side = (int) Math.round(Math.sqrt(e.pixels().length));
            image.show(side, e.pixels().length / side, k -> Color.gray(Math.max(0, Math.min(1, e.pixels()[k]))));
            Label nats = new Label(String.format(Locale.ROOT, "%.1f", e.nats()));
            nats.getStyleClass().add("thumb-nats");
            VBox thumb = new VBox(2, image, nats);
            thumb.getStyleClass().add("thumb");
            thumb.setId("thumb-" + e.index());
            Tooltip.install(
                    thumb,
                    new Tooltip(String.format(
                            Locale.ROOT,
                            "Test image %d%s: %.2f nats, %.4f bits/dim. Click to see its map.",
                            e.index(),
                            e.label() < 0 ? "" : " (label " + e.label() + ")",
                            e.nats(),
                            e.bitsPerDim())));
            thumb.setOnMouseClicked(ev -> onPick.accept(e.index()));
            thumbs.getChildren().add(thumb);
        }
    }
}
