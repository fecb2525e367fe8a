package org.pixelscope.ui.train;

import org.pixelscope.train.Metrics;

/**
 * The two units the chart shows a loss in: nats per image, the number the PixelRNN paper gives
 * for binarised MNIST (PixelCNN 81.30), and bits per dimension, the same loss spread over the
 * image's pixels in base 2, the number papers give for CIFAR-10 and that compares across sizes.
 */
public enum LossUnit {
    NATS("nats", "loss, nats per image"),
    BITS_PER_DIM("bits/dim", "loss, bits/dim (per pixel)");

    private final String symbol;
    private final String axisTitle;

    LossUnit(String symbol, String axisTitle) {
        this.symbol = symbol;
        this.axisTitle = axisTitle;
    }

    /** {@code nats} (per image of {@code pixels} pixels) in this unit. */
    public double of(double nats, int pixels) {
        return this == NATS ? nats : Metrics.bitsPerDim(nats, pixels);
    }

    public String symbol() {
        return symbol;
    }

    public String axisTitle() {
        return axisTitle;
    }
}
