package org.pixelscope.ui.sample;

import java.util.function.IntBinaryOperator;
import java.util.function.IntConsumer;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.pixelscope.sample.SampleTrace;

/**
 * The grid of generated images, scaled to fit (whole screen pixels per image pixel while they
 * fit, so pixels stay square and sharp): white digits on black, pixels not shown yet in a dim
 * blue, the current pixel of every image framed in yellow, the selected image framed in sky blue.
 *
 * <p>The images live in one {@link WritableImage} at one texel per image pixel; each frame writes
 * only the positions that the playback position passed since the last one (or clears them on a
 * replay) and then draws the texture scaled. The frame marks are drawn around cells, never over
 * them, so a cell's centre always shows its pixel value.
 *
 * <p>Thread: FX only.
 */
final class GridCanvas extends Region {

    static final Color UNDRAWN = Color.web("#202040");
    static final Color HIGHLIGHT = Color.web("#F0E442");
    static final Color SELECTED = Color.web("#56B4E9");
    private static final Color BACKGROUND = Color.web("#3A3A3A");
    private static final double GAP = 6;

    private final Canvas canvas = new Canvas();
    private SampleTrace trace;
    private WritableImage texture;
    private int written;
    private int shown;
    private int selected;
    private int cols = 1;
    private int rows = 1;
    private double scale = 1;
    private double ox;
    private double oy;

    GridCanvas() {
        getStyleClass().add("sample-grid");
        canvas.setId("sample-grid-canvas");
        getChildren().add(canvas);
        setMinSize(200, 200);
    }

    /** Calls {@code action(image)} when the user clicks an image. */
    void setOnImageClicked(IntConsumer action) {
        canvas.setOnMouseClicked(e -> {
            int i = imageAt(e.getX(), e.getY());
            if (i >= 0) {
                action.accept(i);
            }
        });
    }

    Canvas canvas() {
        return canvas;
    }

    /**
     * Shows {@code t} with its first {@code upTo} positions; {@code value(image, position)} gives
     * the pixel (0/1) of a shown position.
     */
    void show(SampleTrace t, int upTo, int selectedImage, IntBinaryOperator value) {
        if (t != trace) {
            trace = t;
            written = 0;
            texture = null;
            if (t != null) {
                cols = (int) Math.ceil(Math.sqrt(t.count()));
                rows = (t.count() + cols - 1) / cols;
                texture = new WritableImage(cols * t.width(), rows * t.height());
                PixelWriter pw = texture.getPixelWriter();
                for (int y = 0; y < texture.getHeight(); y++) {
                    for (int x = 0; x < texture.getWidth(); x++) {
                        pw.setColor(x, y, UNDRAWN);
                    }
                }
            }
            requestLayout();
        }
        shown = upTo;
        selected = selectedImage;
        if (t != null) {
            PixelWriter pw = texture.getPixelWriter();
            for (int k = Math.min(written, upTo); k < Math.max(written, upTo); k++) {
                for (int i = 0; i < t.count(); i++) {
                    int x = (i % cols) * t.width() + k % t.width();
                    int y = (i / cols) * t.height() + k / t.width();
                    pw.setColor(x, y, k >= upTo ? UNDRAWN : value.applyAsInt(i, k) == 1 ? Color.WHITE : Color.BLACK);
                }
            }
            written = upTo;
        }
        draw();
    }

    /** Centre of the screen cell of (row, col) in {@code image}, in canvas coordinates. */
    Point2D cellCentre(int image, int row, int col) {
        return new Point2D(imageX(image) + (col + 0.5) * scale, imageY(image) + (row + 0.5) * scale);
    }

    /** Screen pixels per image pixel. */
    double scale() {
        return scale;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        canvas.setWidth(w);
        canvas.setHeight(h);
        if (trace != null) {
            double sx = (w - (cols + 1) * GAP) / (cols * trace.width());
            double sy = (h - (rows + 1) * GAP) / (rows * trace.height());
            double s = Math.max(0.25, Math.min(sx, sy));
            scale = s >= 1 ? Math.floor(s) : s;
            double gw = cols * trace.width() * scale + (cols - 1) * GAP;
            double gh = rows * trace.height() * scale + (rows - 1) * GAP;
            ox = Math.floor((w - gw) / 2);
            oy = Math.floor((h - gh) / 2);
        }
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (trace == null) {
            return;
        }
        g.setImageSmoothing(false);
        int w = trace.width();
        int h = trace.height();
        for (int i = 0; i < trace.count(); i++) {
            g.drawImage(texture, (i % cols) * w, (i / cols) * h, w, h, imageX(i), imageY(i), w * scale, h * scale);
        }
        if (selected >= 0 && selected < trace.count()) {
            g.setStroke(SELECTED);
            g.setLineWidth(3);
            g.strokeRect(imageX(selected) - 3.5, imageY(selected) - 3.5, w * scale + 7, h * scale + 7);
        }
        if (shown > 0 && shown <= trace.pixelsPerImage()) {
            int k = shown - 1;
            double lw = Math.max(1, Math.min(2, scale / 3));
            g.setStroke(HIGHLIGHT);
            g.setLineWidth(lw);
            for (int i = 0; i < trace.count(); i++) {
                double x = imageX(i) + (k % w) * scale;
                double y = imageY(i) + (k / w) * scale;
                g.strokeRect(x - lw / 2, y - lw / 2, scale + lw, scale + lw);
            }
        }
    }

    private double imageX(int i) {
        return ox + (i % cols) * (trace.width() * scale + GAP);
    }

    private double imageY(int i) {
        return oy + (i / cols) * (trace.height() * scale + GAP);
    }

    private int imageAt(double x, double y) {
        if (trace == null) {
            return -1;
        }
        for (int i = 0; i < trace.count(); i++) {
            if (x >= imageX(i) && x < imageX(i) + trace.width() * scale
                    && y >= imageY(i) && y < imageY(i) + trace.height() * scale) {
                return i;
            }
        }
        return -1;
    }
}
