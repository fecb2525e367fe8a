package org.pixelscope.ui.masks;

import java.util.List;
import org.pixelscope.inspect.ReceptiveField;
import org.pixelscope.model.ModelFamilies;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.ui.field.Unseen;

/** The words beside the receptive-field grid. Plain functions, no JavaFX. */
final class FieldCaption {

    private FieldCaption() {}

    /**
     * What the big grid shows, in words: how many of the pixels before the chosen one the shown
     * layer reads, how many the model's output never reads, and why, in the terms of its family
     * ({@link org.pixelscope.model.ModelFamily#unseenPixels}).
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
            Unseen so = Unseen.of(rf.field(layers.get(layer), row, col), row, col);
            text += String.format("; of the other %d, %s so far.", before - seen, so.describe());
        } else {
            text += ".";
        }
        if (blind == 0) {
            return text
                    + (last
                            ? " The model sees every pixel before this one: no blind spot."
                            : " After all its layers the model sees every pixel before this one: no blind spot.");
        }
        Unseen never = Unseen.of(rf.outputField(row, col), row, col);
        return text
                + String.format(
                        last
                                ? " It never sees %d of them (%s): %s"
                                : " After all its layers the model still never sees %d of them (%s): %s",
                        blind,
                        never.describe(),
                        ModelFamilies.unseenPixels(spec));
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
