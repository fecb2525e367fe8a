package org.pixelscope.ui.tour;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.pixelscope.train.ShippedModels;
import org.pixelscope.ui.DemoControls;

/**
 * The tours PixelScope ships. "How a PixelCNN draws a digit" walks through the Sample, Masks and
 * Likelihood views with the shipped chapter PixelCNN (7x7 mask-A convolution, five 3x3 mask-B
 * convolutions): raster order and the chain rule, masks A and B, the receptive field growing
 * layer by layer and the blind spot it keeps, the Gated PixelCNN without one, the cost of
 * sampling against training, and per-pixel surprise.
 *
 * <p>Every step opens the shipped model first (a no-op when it is open), so a step shows what
 * its sentence says even after the user switched models in between. Each step sets its view's
 * whole state (comparison, pixel, layer), never a change relative to the step before.
 *
 * <p>Thread: immutable.
 */
public final class TourSteps {

    /** The output pixel whose field the Masks and Sample steps show: the middle of a 28x28 digit. */
    static final int ROW = 14;

    static final int COL = 14;

    /** The Gated PixelCNN the comparison step draws (pretrained when shipped, else untrained). */
    static final String GATED = "pixelcnn-gated";

    private TourSteps() {}

    /** "How a PixelCNN draws a digit": nine steps. */
    public static List<TourStep> pixelCnnDigit() {
        return List.of(
                new TourStep(
                        "Raster order",
                        "A PixelCNN draws a digit one pixel at a time in raster order: left to right along a row,"
                                + " then the next row down. That is the chain rule, p(x) = ∏ᵢ p(xᵢ | x₁ … xᵢ₋₁):"
                                + " each pixel is drawn from a probability that depends only on the pixels before it.",
                        c -> sample(c, null).thenCompose(v -> c.samplePlayFromStart())),
                new TourStep(
                        "One pixel, its probability and its field",
                        "Paused at row 10, column 14. Beside the grid: p(x = 1), the probability that this pixel is"
                                + " ink given everything drawn so far, and its receptive field, the earlier pixels"
                                + " (blue) that can change that probability. A coin with that bias draws the pixel.",
                        c -> sample(c, null).thenRun(() -> c.sampleShowPixel(10, COL))),
                new TourStep(
                        "Mask A and mask B",
                        "A masked convolution zeroes every kernel weight at or after the centre in raster order."
                                + " Mask A, in the first layer, also blocks the centre: that layer reads the image, and"
                                + " the centre is the pixel to predict. Mask B, in every later layer, keeps the centre:"
                                + " its input there already excludes that pixel.",
                        c -> masks(c, -1)),
                new TourStep(
                        "The field after one layer",
                        "Output pixel (14, 14) after the first layer reads a 7x7 half-window: three rows above and"
                                + " three pixels to its left. Each 3x3 mask-B layer adds one pixel of reach; the small"
                                + " grids below show the field after every layer.",
                        c -> masks(c, 0)),
                new TourStep(
                        "The blind spot",
                        "After the last layer the field reaches eight rows up, yet a wedge up and to the right"
                                + " (vermillion, hatched) stays unread: pixels drawn earlier that no stack of masked"
                                + " 3x3 convolutions reaches, however deep it is.",
                        c -> masks(c, -1)),
                gatedStep(ShippedModels.of(GATED).isPresent()),
                new TourStep(
                        "Sampling is slow, training is fast",
                        "Drawing needs one pass through the network per pixel, 784 for a 28x28 digit, since each"
                                + " pixel waits for the ones before it. Training scores every pixel of a real image in"
                                + " one pass (teacher forcing): the masks keep each output from seeing its own pixel.",
                        c -> sample(c, null).thenRun(c::sampleFinish)),
                new TourStep(
                        "Per-pixel surprise",
                        "One forward pass also scores a test image: each pixel's cost, −log p(xᵢ | x₁ … xᵢ₋₁) in"
                                + " nats, from dark violet (sure and right) to yellow (surprised). The costs add up to"
                                + " the image's negative log-likelihood; they gather where a run of ink begins or ends.",
                        c -> {
                            CompletableFuture<Void> opened = c.openShipped();
                            return opened.thenRun(() -> {
                                c.selectView(DemoControls.LIKELIHOOD);
                                c.likelihoodShowTestImage(0);
                            });
                        }),
                new TourStep(
                        "Where next",
                        "Train a model of your own in the Train view (File > New Model, then Ctrl+T), compare it"
                                + " with this one in the Sample view, or draw a digit in the Likelihood view and watch"
                                + " its cost. F1 explains each view; F2 runs this tour again.",
                        c -> {
                            c.selectView(DemoControls.TRAIN);
                            return CompletableFuture.completedFuture(null);
                        }));
    }

    /**
     * The chapter model beside a Gated PixelCNN at pixel ({@link #ROW}, {@link #COL}): the shipped
     * pretrained one when {@code pretrained} (both then draw digits), else an untrained network,
     * enough for its field.
     */
    static TourStep gatedStep(boolean pretrained) {
        String model = pretrained ? DemoControls.shipped(GATED) : GATED;
        return new TourStep(
                "The Gated PixelCNN has no blind spot",
                "Right: a Gated PixelCNN at the same pixel. A vertical stack reads every row above, a"
                        + " horizontal stack the pixels to the left in the current row; together they cover"
                        + " every earlier pixel in reach, so there is no blind spot."
                        + (pretrained
                                ? " Both models are pretrained and draw with the same random numbers."
                                : " Its weights are untrained: only its field matters here."),
                c -> sample(c, model).thenRun(() -> c.sampleShowPixel(ROW, COL)));
    }

    /** The Sample view with the shipped model, compared with {@code compare} (null: one model). */
    private static CompletableFuture<Void> sample(DemoControls c, String compare) {
        return c.openShipped().thenCompose(v -> {
            c.selectView(DemoControls.SAMPLE);
            return c.compareWith(compare);
        });
    }

    /**
     * The Masks view with the shipped model: the first layer's kernel (mask A), and the field of
     * pixel ({@link #ROW}, {@link #COL}) after {@code layer} (-1: the last, as the view opens).
     */
    private static CompletableFuture<Void> masks(DemoControls c, int layer) {
        return c.openShipped()
                .thenCompose(v -> {
                    c.selectView(DemoControls.MASKS);
                    return c.masksShowFirstKernel();
                })
                .thenCompose(v -> c.masksShowField(ROW, COL, layer));
    }
}
