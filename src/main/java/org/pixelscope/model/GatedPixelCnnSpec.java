package org.pixelscope.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Gated PixelCNN (van den Oord et al. 2016, "Conditional Image Generation with PixelCNN
 * Decoders", sec. 2.1-2.2, unconditional): a vertical stack that sees the rows above and a
 * horizontal stack that sees the pixels to the left in the pixel's row, joined at every layer, with
 * gated activations {@code tanh(a) * sigmoid(b)} and residual connections in the horizontal stack.
 * The two stacks remove the blind spot of stacked masked convolutions ({@link GatedPixelCnnLayer}).
 * Then a 1x1 convolution with ReLU and a 1x1 sigmoid give p(x=1) per pixel; with {@code levels}
 * K &gt; 2 the last 1x1 convolution gives K logits per pixel and a softmax the grey level's
 * distribution ({@link LevelOutput}).
 *
 * <p>With {@code classes > 0} it is the paper's conditional PixelCNN (sec. 2.3, eq. 4) for a class
 * label: p(x | y), every gate of both stacks shifted by a learned embedding of the one-hot label
 * ({@link GatedPixelCnnLayer}). Specs written before the field existed read as 0.
 *
 * @param filters     feature maps of each stack
 * @param firstKernel odd size k of the first layer's kernels (vertical (k/2+1) x k, horizontal 1 x (k/2+1))
 * @param layers      gated layers, the first included
 * @param kernel      odd size of the later layers' kernels
 * @param classes     labels the model is conditioned on (10 for the MNIST digits), 0 for none
 * @param levels      grey levels K of a pixel, 2 (binary) to 256; absent from a spec.json written
 *                    before the field existed and from every binary spec, and then 2
 */
public record GatedPixelCnnSpec(
        String name,
        String description,
        int height,
        int width,
        int filters,
        int firstKernel,
        int layers,
        int kernel,
        int classes,

        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = LevelOutput.Binary.class)
        int levels)
        implements ModelSpec {

    public static final String KIND = "gated-pixelcnn";
    /** 256: the most labels a picture folder can carry (one per sub-folder); keeps a hostile spec small. */
    public static final int MAX_CLASSES = 256;

    public GatedPixelCnnSpec {
        if (height < 1 || width < 1 || filters < 1 || layers < 1) {
            throw new IllegalArgumentException("invalid Gated PixelCNN spec: " + height + "x" + width + ", " + filters
                    + " filters, " + layers + " layers");
        }
        if (firstKernel < 1 || kernel < 1 || firstKernel % 2 == 0 || kernel % 2 == 0) {
            throw new IllegalArgumentException(
                    "Gated PixelCNN kernels must be odd, got " + firstKernel + " and " + kernel);
        }
        if (classes < 0 || classes == 1 || classes > MAX_CLASSES) {
            throw new IllegalArgumentException("a conditional Gated PixelCNN needs 2.." + MAX_CLASSES
                    + " classes (0: unconditional), got " + classes);
        }
        levels = LevelOutput.checkLevels(levels);
    }

    /** A binary Gated PixelCNN (K = 2), conditioned on {@code classes} labels (0: unconditional). */
    public GatedPixelCnnSpec(
            String name,
            String description,
            int height,
            int width,
            int filters,
            int firstKernel,
            int layers,
            int kernel,
            int classes) {
        this(name, description, height, width, filters, firstKernel, layers, kernel, classes, 2);
    }

    /** An unconditional Gated PixelCNN. */
    public GatedPixelCnnSpec(
            String name,
            String description,
            int height,
            int width,
            int filters,
            int firstKernel,
            int layers,
            int kernel) {
        this(name, description, height, width, filters, firstKernel, layers, kernel, 0);
    }

    /** The registry's Gated PixelCNN for 28x28 MNIST: 7x7 first layer, then 5 gated layers with 3x3 kernels, 32 maps per stack. */
    public static GatedPixelCnnSpec standard() {
        return new GatedPixelCnnSpec(
                "pixelcnn-gated",
                "Gated PixelCNN (van den Oord et al. 2016): vertical and horizontal stacks, gated tanh*sigmoid units,"
                        + " 6 layers of 32 maps; no blind spot",
                28,
                28,
                32,
                7,
                6,
                3);
    }

    /**
     * The registry's class-conditional Gated PixelCNN for MNIST: {@link #standard()}'s network with
     * the digit label (10 classes) in every gate; draws a chosen digit, and classifies by Bayes' rule.
     */
    public static GatedPixelCnnSpec conditional() {
        GatedPixelCnnSpec s = standard();
        return new GatedPixelCnnSpec(
                "pixelcnn-gated-conditional",
                "Conditional Gated PixelCNN (van den Oord et al. 2016, eq. 4): the Gated PixelCNN with a learned"
                        + " embedding of the digit label in every gate; draws the digit you ask for",
                s.height(),
                s.width(),
                s.filters(),
                s.firstKernel(),
                s.layers(),
                s.kernel(),
                10);
    }

    /** The vertical stack reaches firstKernel/2 + 1 rows up in the first layer, kernel/2 more in each later one. */
    @Override
    public int contextRows() {
        return Math.min(height, firstKernel / 2 + 1 + (layers - 1) * (kernel / 2));
    }

    @Override
    public GatedPixelCnnSpec withSize(int height, int width) {
        return new GatedPixelCnnSpec(
                name, description, height, width, filters, firstKernel, layers, kernel, classes, levels);
    }

    @Override
    public boolean offersGreyLevels() {
        return true;
    }

    @Override
    public GatedPixelCnnSpec withLevels(int levels) {
        return new GatedPixelCnnSpec(
                name, description, height, width, filters, firstKernel, layers, kernel, classes, levels);
    }
}
