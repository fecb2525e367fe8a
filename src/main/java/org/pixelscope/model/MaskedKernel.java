package org.pixelscope.model;

/**
 * One kernel that a layer multiplies by a 0/1 mask in every forward pass ({@link MaskedLayer}):
 * what the layer table counts, the masks view draws and the samplers read.
 *
 * @param parameter      the layer's parameter key (DL4J's {@code paramTable()} key, e.g. {@code W},
 *                       {@code Wis}); its shape is {@code [kernelH, kernelW, nIn, nOut]}
 * @param kernelH        rows of the kernel
 * @param kernelW        columns of the kernel
 * @param type           PixelCNN's raster mask when the mask is one of those ({@link Masks}), else
 *                       null: the first gated layer blocks a row and a column of kernels that are
 *                       cropped, not masked, so there is no A/B grid to draw
 * @param blockedWeights weights the mask holds at 0
 * @param gates          whether the output channels are LSTM gate pre-activations, four blocks
 *                       {@code i, f, o, g} of the hidden size
 */
public record MaskedKernel(
        String parameter, int kernelH, int kernelW, MaskType type, long blockedWeights, boolean gates) {

    public MaskedKernel {
        if (kernelH < 1 || kernelW < 1 || blockedWeights < 0) {
            throw new IllegalArgumentException(
                    "invalid masked kernel " + parameter + ": " + kernelH + "x" + kernelW + ", " + blockedWeights);
        }
    }

    /** A kernel under one of PixelCNN's raster masks, which the masks view draws as a grid. */
    public boolean raster() {
        return type != null;
    }
}
