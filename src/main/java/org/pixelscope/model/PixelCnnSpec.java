package org.pixelscope.model;

/**
 * PixelCNN (van den Oord et al. 2016, sec. 3.4), as the book chapter builds it: one masked
 * convolution with mask A, a stack of masked convolutions with mask B, each with ReLU, and a 1x1
 * convolution with a sigmoid giving p(x=1) per pixel. Trained with binary cross-entropy.
 *
 * @param filters        feature maps per hidden layer
 * @param firstKernel    odd size of the mask-A kernel
 * @param hiddenLayers   number of mask-B layers
 * @param hiddenKernel   odd size of the mask-B kernels
 * @param residual       add each mask-B layer's input to its output (the "residual PixelCNN")
 */
public record PixelCnnSpec(
        String name,
        String description,
        int height,
        int width,
        int filters,
        int firstKernel,
        int hiddenLayers,
        int hiddenKernel,
        boolean residual)
        implements ModelSpec {

    public static final String KIND = "pixelcnn";

    public PixelCnnSpec {
        if (height < 1 || width < 1 || filters < 1 || hiddenLayers < 0) {
            throw new IllegalArgumentException("invalid PixelCNN spec: " + height + "x" + width + ", " + filters
                    + " filters, " + hiddenLayers + " hidden layers");
        }
        if (firstKernel % 2 == 0 || hiddenKernel % 2 == 0) {
            throw new IllegalArgumentException(
                    "PixelCNN kernels must be odd, got " + firstKernel + " and " + hiddenKernel);
        }
    }

    /** The chapter's network: 28x28, 7x7 mask A, five 3x3 mask B, 64 filters; 187,905 parameters. */
    public static PixelCnnSpec chapter() {
        return new PixelCnnSpec(
                "pixelcnn-chapter",
                "The chapter's PixelCNN: 7x7 mask-A conv, five 3x3 mask-B convs, 64 filters, 1x1 sigmoid",
                28,
                28,
                64,
                7,
                5,
                3,
                false);
    }

    /** Each k x k masked layer reaches k/2 rows up; the 1x1 output reaches none. */
    @Override
    public int contextRows() {
        return Math.min(height, firstKernel / 2 + hiddenLayers * (hiddenKernel / 2));
    }

    @Override
    public PixelCnnSpec withSize(int height, int width) {
        return new PixelCnnSpec(
                name, description, height, width, filters, firstKernel, hiddenLayers, hiddenKernel, residual);
    }
}
