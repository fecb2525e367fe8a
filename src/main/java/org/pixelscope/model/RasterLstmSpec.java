package org.pixelscope.model;

/**
 * The plainest PixelRNN: the image as one sequence of {@code H * W} steps in raster order, fed
 * through stacked LSTMs (van den Oord et al. 2016 discuss it as the baseline their Row and
 * Diagonal LSTMs improve on). The input at step t is pixel t-1 (a start value at t = 0) and the
 * output at step t is p(x_t = 1 | x_0 .. x_{t-1}), so causality holds by construction: the LSTM
 * has not been shown pixel t when it predicts it.
 *
 * <p>Unlike the convolutional models it has a true step form: sampling carries the LSTM state and
 * costs one step per pixel (the sampling layer's recurrent sampler).
 *
 * @param hidden LSTM units per layer
 * @param layers stacked LSTM layers (1 or 2)
 */
public record RasterLstmSpec(String name, String description, int height, int width, int hidden, int layers)
        implements ModelSpec {

    public static final String KIND = "raster-lstm";

    /** 128 units: the size; a 784-step sequence needs that much memory to place strokes. */
    public static final int DEFAULT_HIDDEN = 128;
    /** One layer: a second doubles the cost of every one of the 784 sequential steps. */
    public static final int DEFAULT_LAYERS = 1;

    public RasterLstmSpec {
        if (height < 1 || width < 1 || hidden < 1 || layers < 1 || layers > 2) {
            throw new IllegalArgumentException("invalid raster LSTM spec: " + height + "x" + width + ", " + hidden
                    + " hidden units, " + layers + " layers (1 or 2)");
        }
    }

    /** The registry's raster LSTM for 28x28 MNIST. */
    public static RasterLstmSpec standard() {
        return new RasterLstmSpec(
                "pixelrnn-raster-lstm",
                "Raster LSTM: the image as a 784-step sequence, input at step t is pixel t-1, " + DEFAULT_HIDDEN
                        + " units; samples in one LSTM step per pixel",
                28,
                28,
                DEFAULT_HIDDEN,
                DEFAULT_LAYERS);
    }

    /** A recurrent state reaches back to the first pixel. */
    @Override
    public int contextRows() {
        return height;
    }

    @Override
    public RasterLstmSpec withSize(int height, int width) {
        return new RasterLstmSpec(name, description, height, width, hidden, layers);
    }
}
