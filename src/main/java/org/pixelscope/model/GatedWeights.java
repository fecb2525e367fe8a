package org.pixelscope.model;

import java.util.Map;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weights one pass of a {@link GatedPixelCnnRuntime} reads, as whole c-ordered matrices copied
 * from the layer's parameters on the calling thread: kernels {@code [kH * kW * cIn, cOut]} (the
 * first layer's multiplied by their masks), 1 x 1 kernels {@code [cIn, cOut]}, biases {@code [1, c]}.
 *
 * <p>Why copies: the products ({@link TapConv}) take blocks of rows of these matrices, and in
 * libnd4j 1.0.0-M2.1 a block of rows of a reshaped parameter view reached the matmul op as an
 * empty array; the copies cost ~117k floats a pass.
 *
 * @param v  vertical kernel
 * @param h  horizontal kernel
 * @param vh 1 x 1 kernel from the vertical stack's pre-activation into the horizontal one's
 * @param o  the horizontal stack's 1 x 1 output kernel
 * @param bv vertical bias
 * @param bh horizontal bias
 * @param bo output bias
 */
record GatedWeights(INDArray v, INDArray h, INDArray vh, INDArray o, INDArray bv, INDArray bh, INDArray bo) {

    /** A layer's masks in the parameters' data type, kept between passes (first layer only). */
    static final class Masks {
        private final GatedPixelCnnLayer layer;
        private INDArray vertical;
        private INDArray horizontal;

        Masks(GatedPixelCnnLayer layer) {
            this.layer = layer;
        }

        /** The pass's weights from {@code params}, copied into workspace arrays of {@code type}. */
        GatedWeights copy(Map<String, INDArray> params, LayerWorkspaceMgr mgr, ArrayType type) {
            INDArray v = GatedWeights.copy(mgr, type, params.get(GatedPixelCnnLayer.VERTICAL));
            INDArray h = GatedWeights.copy(mgr, type, params.get(GatedPixelCnnLayer.HORIZONTAL));
            if (layer.isFirst()) {
                load(v.dataType());
                v.muli(vertical);
                h.muli(horizontal);
            }
            return new GatedWeights(
                    v,
                    h,
                    GatedWeights.copy(mgr, type, params.get(GatedPixelCnnLayer.VERTICAL_TO_HORIZONTAL)),
                    GatedWeights.copy(mgr, type, params.get(GatedPixelCnnLayer.OUT)),
                    GatedWeights.copy(mgr, type, params.get("bv")),
                    GatedWeights.copy(mgr, type, params.get("bh")),
                    GatedWeights.copy(mgr, type, params.get("bo")));
        }

        /** Holds the masked weights' gradients in {@code grads} (the layer's table) at zero: first layer only. */
        void maskGradients(Map<String, INDArray> grads) {
            if (!layer.isFirst()) {
                return;
            }
            INDArray v = grads.get(GatedPixelCnnLayer.VERTICAL);
            load(v.dataType());
            v.muli(vertical.reshape(v.shape()));
            INDArray h = grads.get(GatedPixelCnnLayer.HORIZONTAL);
            h.muli(horizontal.reshape(h.shape()));
        }

        private void load(DataType type) {
            if (vertical == null || vertical.dataType() != type) {
                try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    vertical = layer.verticalMask().castTo(type).reshape('c', matrixShape(layer.verticalMask()));
                    horizontal = layer.horizontalMask().castTo(type).reshape('c', matrixShape(layer.horizontalMask()));
                }
            }
        }
    }

    /** {@code x} as a whole c-ordered {@code [length / last, last]} matrix in the workspace. */
    private static INDArray copy(LayerWorkspaceMgr mgr, ArrayType type, INDArray x) {
        INDArray c = mgr.createUninitialized(type, x.dataType(), x.shape(), 'c').assign(x);
        return c.reshape('c', matrixShape(x));
    }

    /** {@code [length / last, last]}: a kernel {@code [kH, kW, cIn, cOut]} as {@code [kH * kW * cIn, cOut]}. */
    static long[] matrixShape(INDArray x) {
        long last = x.size(x.rank() - 1);
        return new long[] {x.length() / last, last};
    }
}
