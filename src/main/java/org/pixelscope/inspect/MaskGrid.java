package org.pixelscope.inspect;

import java.util.ArrayList;
import java.util.List;
import org.pixelscope.model.MaskType;
import org.pixelscope.model.MaskedKernel;
import org.pixelscope.model.MaskedLayer;
import org.pixelscope.model.Masks;
import org.pixelscope.model.PixelModel;

/**
 * The spatial mask of one masked layer: which kernel taps a pixel's output may read.
 * {@code allowed[row][col]}; the centre is {@code (kernelH / 2, kernelW / 2)}.
 */
public record MaskGrid(String layer, int kernelH, int kernelW, MaskType type, boolean[][] allowed) {

    /** The grid {@link Masks} defines for a kernel size and type. */
    public static MaskGrid of(String layer, int kernelH, int kernelW, MaskType type) {
        return new MaskGrid(layer, kernelH, kernelW, type, Masks.spatial(kernelH, kernelW, type));
    }

    /** Grids of every raster-masked kernel of a model ({@link MaskedLayer}), in network order. */
    public static List<MaskGrid> of(PixelModel model) {
        List<MaskGrid> grids = new ArrayList<>();
        MaskedLayer.of(model.network()).forEach((name, layer) -> {
            for (MaskedKernel k : layer.maskedKernels()) {
                if (k.raster()) {
                    grids.add(of(name, k.kernelH(), k.kernelW(), k.type()));
                }
            }
        });
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
