package org.pixelscope.ui.masks;

import java.util.List;
import org.pixelscope.inspect.ReceptiveField;
import org.pixelscope.model.DiagonalBiLstmSpec;
import org.pixelscope.model.GatedPixelCnnSpec;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.RowLstmSpec;

/** The words beside the receptive-field grid. Plain functions, no JavaFX. */
final class FieldCaption {

    private FieldCaption() {}

    /**
     * What the big grid shows, in words: how many of the pixels before the chosen one the shown
     * layer reads, how many the model's output never reads, and why, in the terms of its family.
     */
    static String text(ModelSpec spec, ReceptiveField rf, int layer, int row, int col) {
        List<String> layers = rf.layers();
        int before = row * rf.width() + col;
        int seen = count(rf.field(layers.get(layer), row, col));
        int blind = rf.blindSpotSize(row, col);
        boolean last = layer == layers.size() - 1;
        String text = String.format(
                "Output at row %d, column %d after layer %d of %d (%s) reads %d of the %d pixels before it",
                row, col, layer + 1, layers.size(), display(layers.get(layer)), seen, before);
        if (!last && seen < before) {
            text += String.format("; the %d hatched ones are out of its reach so far.", before - seen);
        } else {
            text += ".";
        }
        if (blind == 0) {
            return text
                    + (last
                            ? " The model sees every pixel before this one: no blind spot."
                            : " After all its layers the model sees every pixel before this one: no blind spot.");
        }
        return text
                + String.format(
                        last
                                ? " It never sees the %d hatched ones: %s"
                                : " After all its layers the model still never sees %d of them: %s",
                        blind,
                        whyUnseen(spec));
    }

    /** Why a model family's output misses some earlier pixels. */
    private static String whyUnseen(ModelSpec spec) {
        if (spec instanceof PixelCnnSpec) {
            return "pixels beyond the reach of its stacked kernels (too many rows up or columns aside) and the"
                    + " blind spot to the upper right, which stacking masked convolutions never fills.";
        }
        if (spec instanceof GatedPixelCnnSpec) {
            return "they are beyond the reach of its vertical stack (too many rows up, or too far to the side: it"
                    + " widens by a few columns per layer) or of its horizontal stack (too far left in this row)."
                    + " Within that reach it sees everything: its two stacks leave no blind spot.";
        }
        if (spec instanceof RowLstmSpec r) {
            return String.format(
                    "the Row LSTM's context is a triangle. Each row further up it reaches %d more"
                            + " pixel%s to each side, so the far left of this pixel's own row and the far upper left and"
                            + " upper right stay out of reach.",
                    r.rowKernel() / 2, r.rowKernel() / 2 == 1 ? "" : "s");
        }
        if (spec instanceof DiagonalBiLstmSpec d) {
            return String.format(
                    "the Diagonal BiLSTM misses only the last pixel of the row above. No feature of"
                            + " that row contains it (a mask-A feature excludes its own pixel); the features of this row"
                            + " that do lie within %d columns of the right edge, and the left-to-right scan reads this row"
                            + " only up to this pixel.",
                    d.firstKernel() / 2);
        }
        return "its layers do not reach them.";
    }

    /** A layer name as shown: the loss layer's output is the model's p(x=1). */
    static String display(String layer) {
        return NetworkBuilder.OUTPUT.equals(layer) ? "output p(x=1)" : layer;
    }

    /** Pixels a field marks as read. */
    static int count(boolean[][] field) {
        int n = 0;
        for (boolean[] r : field) {
            for (boolean b : r) {
                n += b ? 1 : 0;
            }
        }
        return n;
    }
}
