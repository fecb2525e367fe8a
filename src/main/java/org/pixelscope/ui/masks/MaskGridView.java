package org.pixelscope.ui.masks;

import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import org.pixelscope.inspect.MaskGrid;

/**
 * A mask drawn as a grid of kernel taps, one cell per tap at the layer's real kernel size:
 * allowed taps blue, blocked taps grey with a cross (so the difference does not rest on hue
 * alone), the centre tap framed and dotted. Cells carry the style classes {@code mask-cell},
 * {@code allowed} or {@code blocked}, and {@code centre}; the masks view's CSS colours them.
 *
 * <p>Thread: FX only.
 */
public final class MaskGridView extends GridPane {

    private final MaskGrid grid;

    public MaskGridView(MaskGrid grid, double cellSize) {
        this.grid = grid;
        getStyleClass().add("mask-grid");
        for (int r = 0; r < grid.kernelH(); r++) {
            for (int c = 0; c < grid.kernelW(); c++) {
                add(cell(r, c, cellSize), c, r);
            }
        }
    }

    public MaskGrid grid() {
        return grid;
    }

    private StackPane cell(int r, int c, double size) {
        boolean allowed = grid.allowed()[r][c];
        boolean centre = r == grid.kernelH() / 2 && c == grid.kernelW() / 2;
        StackPane cell = new StackPane();
        cell.getStyleClass().addAll("mask-cell", allowed ? "allowed" : "blocked");
        cell.setMinSize(size, size);
        cell.setPrefSize(size, size);
        cell.setMaxSize(size, size);
        if (!allowed) {
            double m = size * 0.28;
            Line a = new Line(m, m, size - m, size - m);
            Line b = new Line(size - m, m, m, size - m);
            a.getStyleClass().add("mask-cross");
            b.getStyleClass().add("mask-cross");
            cell.getChildren().add(new StackPane(a, b));
        }
        if (centre) {
            cell.getStyleClass().add("centre");
            Circle dot = new Circle(size * 0.12);
            dot.getStyleClass().add("centre-dot");
            cell.getChildren().add(dot);
        }
        cell.setUserData(new int[] {r, c});
        return cell;
    }
}
