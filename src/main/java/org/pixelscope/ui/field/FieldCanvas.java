package org.pixelscope.ui.field;

import java.util.function.BiConsumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import org.pixelscope.ui.Palette;

/**
 * An H x W image with the context of one pixel drawn over it, in the app's colour language
 * ({@link Palette}): the causal region (every pixel before it in raster order, outlined in blue),
 * the receptive field of the output there (blue tint: what it reads), the blind spot (causal,
 * below a read pixel of its column, but never read: vermillion with a hatch, so it does not rely
 * on hue alone), and causal pixels beyond the field's reach (grey tint). Used by the
 * masks view (one per layer, and a large clickable one) and by the sample view.
 *
 * <p>Thread: FX only.
 */
public final class FieldCanvas extends Canvas {

    public static final Color CAUSAL = Palette.READ;
    public static final Color FIELD = Palette.READ;
    public static final Color BLIND_SPOT = Palette.BLIND_SPOT;
    public static final Color OUT_OF_REACH = Palette.OUT_OF_REACH;
    public static final Color CURRENT = Palette.CURRENT;
    /** Lines of the blind spot's hatch on dark pixels (vermillion lines on light ones). */
    public static final Color HATCH = Color.web("#FFB07A");

    public static final Color UNDRAWN = Color.web("#202040");
    /** Background where there is no image to show (masks view). */
    public static final Color BLANK = Color.web("#F2F2F2");

    private final int height;
    private final int width;
    private final double cell;
    private int[] image;
    /** K of the image's values: 2 shows 0/1 as black and white. */
    private int levels = 2;

    private boolean[][] field;
    private int row = -1;
    private int col = -1;
    private boolean showCausal = true;
    private boolean showField = true;

    /** {@code cell}: screen pixels per image pixel. */
    public FieldCanvas(int height, int width, double cell) {
        super(width * cell, height * cell);
        this.height = height;
        this.width = width;
        this.cell = cell;
        getStyleClass().add("field-canvas");
        redraw();
    }

    /** Calls {@code action(row, col)} when the user clicks an image pixel. */
    public void setOnPixelClicked(BiConsumer<Integer, Integer> action) {
        setOnMouseClicked(e -> {
            int r = (int) (e.getY() / cell);
            int c = (int) (e.getX() / cell);
            if (r >= 0 && r < height && c >= 0 && c < width) {
                action.accept(r, c);
            }
        });
    }

    /** Raster-order values 0/1, -1 for not drawn yet; null for no image. */
    public void setImage(int[] values) {
        setImage(values, 2);
    }

    /** Raster-order levels 0..K-1 of a model with K grey levels, shown black to white; -1 for not drawn yet. */
    public void setImage(int[] values, int levels) {
        this.image = values;
        this.levels = levels;
    }

    /** {@code field[r][c]}: the output at the current pixel reads (r, c); null while unknown. */
    public void setField(boolean[][] field) {
        this.field = field;
    }

    /** The pixel whose context is drawn; -1 for none. */
    public void setPixel(int row, int col) {
        this.row = row;
        this.col = col;
    }

    public void setShowCausal(boolean show) {
        this.showCausal = show;
    }

    public void setShowField(boolean show) {
        this.showField = show;
    }

    public double cell() {
        return cell;
    }

    public void redraw() {
        GraphicsContext g = getGraphicsContext2D();
        int current = row < 0 ? -1 : row * width + col;
        int[] reach = reach(field);
        for (int k = 0; k < height * width; k++) {
            int r = k / width;
            int c = k % width;
            double x = c * cell;
            double y = r * cell;
            Color base = base(k);
            g.setFill(base);
            g.fillRect(x, y, cell, cell);
            if (k >= current) {
                continue;
            }
            boolean seen = field != null && field[r][c];
            if (seen && showField) {
                g.setFill(FIELD.deriveColor(0, 1, 1, 0.6));
                g.fillRect(x, y, cell, cell);
            } else if (!seen && showCausal && field != null) {
                if (isBlindSpot(reach, r, c)) {
                    g.setFill(BLIND_SPOT.deriveColor(0, 1, 1, 0.55));
                    g.fillRect(x, y, cell, cell);
                    hatch(g, x, y, base);
                } else {
                    g.setFill(OUT_OF_REACH.deriveColor(0, 1, 1, 0.22));
                    g.fillRect(x, y, cell, cell);
                }
            }
        }
        if (current >= 0) {
            if (showCausal) {
                outlineCausal(g);
            }
            double x = col * cell;
            double y = row * cell;
            g.setLineWidth(Math.max(1, cell / 5));
            g.setStroke(Color.BLACK);
            g.strokeRect(x, y, cell, cell);
            g.setStroke(CURRENT);
            g.strokeRect(x + cell / 5, y + cell / 5, cell - 2 * cell / 5, cell - 2 * cell / 5);
        }
    }

    /**
     * For each column, the topmost row the field reads ({@link Integer#MAX_VALUE} for none), or
     * null when there is no field. A causal pixel the field misses while it reads a pixel above it
     * in the same column is a blind spot: the layers reach past it and still skip it (the wedge
     * up and to the right of a stacked masked convolution, which no depth fills). Any other missed
     * causal pixel is out of reach: more layers would read it.
     */
    static int[] reach(boolean[][] field) {
        if (field == null) {
            return null;
        }
        int[] top = new int[field[0].length];
        java.util.Arrays.fill(top, Integer.MAX_VALUE);
        for (int r = field.length - 1; r >= 0; r--) {
            for (int c = 0; c < top.length; c++) {
                if (field[r][c]) {
                    top[c] = r;
                }
            }
        }
        return top;
    }

    /** True when (r, c), a causal pixel the field does not read, lies below a read pixel of its column. */
    static boolean isBlindSpot(int[] reach, int r, int c) {
        return reach != null && reach[c] < r;
    }

    private Color base(int k) {
        if (image == null) {
            return BLANK;
        }
        int v = image[k];
        return v < 0 ? UNDRAWN : Color.gray(Math.min(1, v / (double) (levels - 1)));
    }

    /** Diagonal lines across the cell: the blind spot's pattern, dark on light pixels, light on dark ones. */
    private void hatch(GraphicsContext g, double x, double y, Color base) {
        if (cell < 4) {
            return;
        }
        g.setStroke(base.getBrightness() > 0.5 ? BLIND_SPOT : HATCH);
        g.setLineWidth(Math.max(1, cell / 8));
        g.strokeLine(x, y + cell, x + cell, y);
        g.strokeLine(x, y + cell / 2, x + cell / 2, y);
        g.strokeLine(x + cell / 2, y + cell, x + cell, y + cell / 2);
    }

    /** The staircase around every pixel before the current one. */
    private void outlineCausal(GraphicsContext g) {
        if (row == 0 && col == 0) {
            return;
        }
        double w = width * cell;
        double r = row * cell;
        double c = col * cell;
        g.setStroke(CAUSAL);
        g.setLineWidth(Math.max(1.5, cell / 4));
        g.beginPath();
        g.moveTo(0, 0);
        g.lineTo(w, 0);
        g.lineTo(w, r);
        if (col > 0) {
            g.lineTo(c, r);
            g.lineTo(c, r + cell);
            g.lineTo(0, r + cell);
        } else {
            g.lineTo(0, r);
        }
        g.closePath();
        g.stroke();
    }
}
