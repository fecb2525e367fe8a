package org.pixelscope.inspect;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.pixelscope.model.MaskType;
import org.pixelscope.model.MaskedConv2D;
import org.pixelscope.model.Masks;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.RowLstm;

/**
 * The spatial mask of one masked layer: which kernel taps a pixel's output may read.
 * {@code allowed[row][col]}; the centre is {@code (kernelH / 2, kernelW / 2)}.
 */
public record MaskGrid(String layer, int kernelH, int kernelW, MaskType type, boolean[][] allowed) {

    /** The grid {@link Masks} defines for a kernel size and type. */
    public static MaskGrid of(String layer, int kernelH, int kernelW, MaskType type) {
        return new MaskGrid(layer, kernelH, kernelW, type, Masks.spatial(kernelH, kernelW, type));
    }

    /** Grids of every masked layer of a model, in network order. */
    public static List<MaskGrid> of(PixelModel model) {
        List<MaskGrid> grids = new ArrayList<>();
        for (String name : model.network().getConfiguration().getTopologicalOrderStr()) {
            GraphVertex v = model.network().getConfiguration().getVertices().get(name);
            if (v instanceof LayerVertex lv
                    && lv.getLayerConf().getLayer() instanceof MaskedConv2D mc
                    && mc.getMaskType() != null) {
                grids.add(of(name, mc.getKernelH(), mc.getKernelW(), mc.getMaskType()));
            } else if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof RowLstm row) {
                grids.add(of(name, 1, row.getKernel(), MaskType.B));
            }
        }
        return grids;
    }

    public boolean centreAllowed() {
        return allowed[kernelH / 2][kernelW / 2];
    }

    /** Rows of {@code 1}/{@code 0}, centre in brackets. */
    public String toText() {
        StringBuilder sb = new StringBuilder(layer + ": " + kernelH + "x" + kernelW + " mask " + type + "\n");
        for (int r = 0; r < kernelH; r++) {
            for (int c = 0; c < kernelW; c++) {
                boolean centre = r == kernelH / 2 && c == kernelW / 2;
                String v = allowed[r][c] ? "1" : "0";
                sb.append(centre ? "[" + v + "]" : " " + v + " ");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
