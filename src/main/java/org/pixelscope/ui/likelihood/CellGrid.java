package org.pixelscope.ui.likelihood;

import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;

/**
 * An image drawn as a grid of square cells, one per pixel, each in the colour a function gives;
 * optionally a pen: pressing and dragging reports the cells the pointer passes (a straight line
 * between two mouse events, so a fast stroke has no gaps), and hovering reports the cell under
 * the pointer. The hovered cell is framed.
 *
 * <p>Thread: FX only.
 */
final class CellGrid extends Canvas {

    /** Receives the raster positions a stroke crossed, and whether the secondary button drew them. */
    interface Stroke {
        void cells(int[] positions, boolean secondary);
    }

    private static final Color FRAME = Color.WHITE;
    private static final Color FRAME_SHADOW = Color.BLACK;

    private final double cell;
    private int rows = 1;
    private int cols = 1;
    private IntFunction<Color> colours = k -> Color.BLACK;
    private int hovered = -1;
    private int last = -1;
    private IntConsumer onHover = k -> {};
    private Stroke onStroke;

    /** {@code cell}: the side of one pixel's cell, in screen pixels. */
    CellGrid(double cell) {
        this.cell = cell;
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(at(e)));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(-1));
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            last = -1;
            stroke(e);
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::stroke);
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> last = -1);
    }

    /** Shows a {@code rows x cols} image whose pixel {@code k} (raster order) has colour {@code colours(k)}. */
    void show(int rows, int cols, IntFunction<Color> colours) {
        this.rows = rows;
        this.cols = cols;
        this.colours = colours;
        setWidth(cols * cell);
        setHeight(rows * cell);
        redraw();
    }

    /** Frames cell {@code k} ({@code -1}: none). */
    void highlight(int k) {
        if (k != hovered) {
            hovered = k;
            redraw();
        }
    }

    void setOnHover(IntConsumer action) {
        onHover = action;
    }

    /** Makes the grid a pen that reports strokes to {@code action}. */
    void setOnStroke(Stroke action) {
        onStroke = action;
    }

    /** The raster position under canvas point (x, y), or -1 outside the image. */
    int at(double x, double y) {
        int c = (int) Math.floor(x / cell);
        int r = (int) Math.floor(y / cell);
        return r < 0 || r >= rows || c < 0 || c >= cols ? -1 : r * cols + c;
    }

    private int at(MouseEvent e) {
        return at(e.getX(), e.getY());
    }

    private void hover(int k) {
        highlight(k);
        onHover.accept(k);
    }

    private void stroke(MouseEvent e) {
        int k = at(e);
        if (onStroke == null || k < 0) {
            return;
        }
        hover(k);
        int[] line = last < 0 ? new int[] {k} : line(last, k);
        last = k;
        onStroke.cells(line, e.getButton() == MouseButton.SECONDARY);
    }

    /** The cells on the straight line from {@code from} to {@code to}, both included. */
    private int[] line(int from, int to) {
        int r0 = from / cols;
        int c0 = from % cols;
        int r1 = to / cols;
        int c1 = to % cols;
        int steps = Math.max(Math.abs(r1 - r0), Math.abs(c1 - c0));
        return IntStream.rangeClosed(0, steps)
                .map(s -> {
                    double t = steps == 0 ? 0 : s / (double) steps;
                    int r = (int) Math.round(r0 + t * (r1 - r0));
                    int c = (int) Math.round(c0 + t * (c1 - c0));
                    return r * cols + c;
                })
                .toArray();
    }

    private void redraw() {
        GraphicsContext g = getGraphicsContext2D();
        for (int k = 0; k < rows * cols; k++) {
            g.setFill(colours.apply(k));
            // a hair wider than the cell, so no seam of the background shows between cells
            g.fillRect((k % cols) * cell, (k / cols) * cell, cell + 0.5, cell + 0.5);
        }
        if (hovered >= 0 && hovered < rows * cols) {
            double x = (hovered % cols) * cell;
            double y = (hovered / cols) * cell;
            g.setLineWidth(1);
            g.setStroke(FRAME_SHADOW);
            g.strokeRect(x + 1.5, y + 1.5, cell - 3, cell - 3);
            g.setStroke(FRAME);
            g.strokeRect(x + 0.5, y + 0.5, cell - 1, cell - 1);
        }
    }
}
