package org.pixelscope.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * PixelCNN (van den Oord et al. 2016, sec. 3.4), as the book chapter builds it: one masked
 * convolution with mask A, a stack of masked convolutions with mask B, each with ReLU, and a 1x1
 * convolution with a sigmoid giving p(x=1) per pixel. Trained with binary cross-entropy. With
 * {@code levels} K &gt; 2 the 1x1 convolution gives K logits per pixel instead, and a softmax over
 * them the distribution of the pixel's grey level ({@link LevelOutput}).
 *
 * @param filters        feature maps per hidden layer
 * @param firstKernel    odd size of the mask-A kernel
 * @param hiddenLayers   number of mask-B layers
 * @param hiddenKernel   odd size of the mask-B kernels
 * @param residual       add each mask-B layer's input to its output (the "residual PixelCNN")
 * @param levels         grey levels K of a pixel, 2 (binary) to 256; absent from a spec.json written
 *                       before the field existed and from every binary spec, and then 2
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
        boolean residual,

        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = LevelOutput.Binary.class)
        int levels)
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
        levels = LevelOutput.checkLevels(levels);
    }

    /** A binary PixelCNN (K = 2). */
    public PixelCnnSpec(
            String name,
            String description,
            int height,
            int width,
            int filters,
            int firstKernel,
            int hiddenLayers,
            int hiddenKernel,
            boolean residual) {
        this(name, description, height, width, filters, firstKernel, hiddenLayers, hiddenKernel, residual, 2);
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
                name, description, height, width, filters, firstKernel, hiddenLayers, hiddenKernel, residual, levels);
    }

    @Override
    public boolean offersGreyLevels() {
        return true;
    }

    @Override
    public PixelCnnSpec withLevels(int levels) {
        return new PixelCnnSpec(
                name, description, height, width, filters, firstKernel, hiddenLayers, hiddenKernel, residual, levels);
    }
}
