package org.pixelscope.ui.sample;

import java.util.function.IntBinaryOperator;
import java.util.function.IntConsumer;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.pixelscope.sample.SampleTrace;

/**
 * The grid of generated images, scaled to fit (whole screen pixels per image pixel while they
 * fit, so pixels stay square and sharp): white digits on black, pixels not shown yet in a dim
 * blue, the current pixel of every image framed in yellow, the selected image framed in sky blue
 * with the current pixel's receptive field over it (read pixels blue, blind spot vermillion).
 *
 * <p>Each image lives in its own {@link WritableImage}, already at screen size (a block of
 * {@code scale x scale} texels per image pixel), drawn 1:1; each frame writes only the positions
 * that the playback position passed since the last one (or clears them on a replay). Letting
 * the renderer scale one small atlas of all images instead sampled texels across cell and image
 * edges, so the last row of each image showed as a sliver above the image below, across the
 * gutter, and cell edges showed their neighbours. The frame marks are drawn around cells, never
 * over them, so a cell shows its pixel value edge to edge.
 *
 * <p>Thread: FX only.
 */
final class GridCanvas extends Region {

    static final Color UNDRAWN = Color.web("#202040");
    static final Color HIGHLIGHT = org.pixelscope.ui.Palette.CURRENT;
    static final Color SELECTED = Color.web("#56B4E9");
    private static final Color BACKGROUND = Color.web("#3A3A3A");
    private static final double GAP = 6;

    private final Canvas canvas = new Canvas();
    private SampleTrace trace;
    private WritableImage[] textures;
    private int texel;
    private int[][] blocks;
    private IntBinaryOperator value;
    private int written;
    private int shown;
    private int selected;
    private int cols = 1;
    private int rows = 1;
    private double scale = 1;
    private double ox;
    private double oy;
    /** The output field at the current pixel, drawn over the selected image; null for none. */
    private boolean[][] field;

    private boolean showField;
    private boolean showBlindSpot;

    GridCanvas() {
        getStyleClass().add("sample-grid");
        canvas.setId("sample-grid-canvas");
        getChildren().add(canvas);
        setMinSize(200, 200);
    }

    /**
     * Overlays the receptive field of the current pixel on the selected image in the app's colour
     * language: read pixels blue, the blind spot vermillion (see {@code ui.Palette}), so the field
     * is visible on the image being drawn, not only beside it.
     */
    void setOverlay(boolean[][] field, boolean showField, boolean showBlindSpot) {
        this.field = field;
        this.showField = showField;
        this.showBlindSpot = showBlindSpot;
    }

    /** {image, raster position} under canvas point (x, y), or null outside every image. */
    int[] pixelAt(double x, double y) {
        int i = imageAt(x, y);
        if (i < 0) {
            return null;
        }
        int col = (int) ((x - imageX(i)) / scale);
        int row = (int) ((y - imageY(i)) / scale);
        return new int[] {i, Math.min(trace.height() - 1, row) * trace.width() + Math.min(trace.width() - 1, col)};
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
     * the pixel (0/1, or the level 0..K-1 of a model with K grey levels, drawn in K greys) of a
     * shown position.
     */
    void show(SampleTrace t, int upTo, int selectedImage, IntBinaryOperator value) {
        this.value = value;
        if (t != trace) {
            trace = t;
            textures = null;
            if (t != null) {
                cols = t.columns();
                rows = (t.count() + cols - 1) / cols;
            }
            requestLayout();
        }
        shown = upTo;
        selected = selectedImage;
        if (t != null && textures != null) {
            write(Math.min(written, upTo), Math.max(written, upTo));
        }
        draw();
    }

    /** New blank textures at {@code texel} screen pixels per image pixel, filled up to the position shown. */
    private void rebuild(int texel) {
        this.texel = texel;
        textures = new WritableImage[trace.count()];
        for (int i = 0; i < textures.length; i++) {
            textures[i] = new WritableImage(trace.width() * texel, trace.height() * texel);
        }
        // block 0 is undrawn, block 1 + l level l: black to white (K = 2: black and white)
        int levels = trace.levels();
        blocks = new int[levels + 1][texel * texel];
        java.util.Arrays.fill(blocks[0], argb(UNDRAWN));
        for (int l = 0; l < levels; l++) {
            java.util.Arrays.fill(blocks[l + 1], argb(Color.gray(l / (double) (levels - 1))));
        }
        written = 0;
        write(0, trace.pixelsPerImage());
    }

    /** Repaints raster positions [from, to) of every image: shown ones with their value, later ones as undrawn. */
    private void write(int from, int to) {
        int w = trace.width();
        for (int k = from; k < to; k++) {
            for (int i = 0; i < textures.length; i++) {
                int[] block = k >= shown ? blocks[0] : blocks[1 + value.applyAsInt(i, k)];
                textures[i]
                        .getPixelWriter()
                        .setPixels(
                                (k % w) * texel,
                                (k / w) * texel,
                                texel,
                                texel,
                                PixelFormat.getIntArgbInstance(),
                                block,
                                0,
                                texel);
            }
        }
        written = shown;
    }

    private static int argb(Color c) {
        return 0xFF000000
                | (int) Math.round(c.getRed() * 255) << 16
                | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
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
            int t = (int) Math.max(1, Math.floor(scale));
            if (textures == null || t != texel) {
                rebuild(t);
            }
        }
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (trace == null || textures == null) {
            return;
        }
        g.setImageSmoothing(false);
        int w = trace.width();
        int h = trace.height();
        for (int i = 0; i < trace.count(); i++) {
            if (texel == scale) {
                g.drawImage(textures[i], imageX(i), imageY(i)); // 1:1, no resampling
            } else {
                g.drawImage(textures[i], imageX(i), imageY(i), w * scale, h * scale); // smaller than 1 px per pixel
            }
        }
        drawOverlay(g);
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

    private void drawOverlay(GraphicsContext g) {
        int current = shown - 1;
        if (field == null
                || current < 0
                || selected < 0
                || selected >= trace.count()
                || !(showField || showBlindSpot)) {
            return;
        }
        int w = trace.width();
        int[] top = new int[w];
        java.util.Arrays.fill(top, Integer.MAX_VALUE);
        for (int r = field.length - 1; r >= 0; r--) {
            for (int c = 0; c < w; c++) {
                if (field[r][c]) {
                    top[c] = r;
                }
            }
        }
        Color read = org.pixelscope.ui.Palette.READ.deriveColor(0, 1, 1, 0.5);
        Color blind = org.pixelscope.ui.Palette.BLIND_SPOT.deriveColor(0, 1, 1, 0.55);
        double x0 = imageX(selected);
        double y0 = imageY(selected);
        for (int k = 0; k < current; k++) {
            int r = k / w;
            int c = k % w;
            if (field[r][c] && showField) {
                g.setFill(read);
            } else if (!field[r][c] && showBlindSpot && top[c] < r) {
                g.setFill(blind);
            } else {
                continue;
            }
            g.fillRect(x0 + c * scale, y0 + r * scale, scale, scale);
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
            if (x >= imageX(i)
                    && x < imageX(i) + trace.width() * scale
                    && y >= imageY(i)
                    && y < imageY(i) + trace.height() * scale) {
                return i;
            }
        }
        return -1;
    }
}
