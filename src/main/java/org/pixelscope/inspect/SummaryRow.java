package org.pixelscope.inspect;

import org.pixelscope.model.MaskType;

/**
 * One line of a layer summary.
 *
 * @param name        vertex name in the network, e.g. {@code conv0_A}
 * @param type        what it is, e.g. {@code MaskedConv2D 7x7}
 * @param outputShape {@code (None, H, W, C)} as Keras prints it
 * @param params      trainable parameters, masked weights included
 * @param mask        the layer's mask, or {@code null}
 * @param maskedZeros weights the mask holds at exactly zero
 * @param inputs      names of the vertices feeding it
 * @param formula     where the parameter count comes from, one term per parameter array, e.g.
 *                    {@code W 64x1x7x7 = 3,136 + b 1x64 = 64}; empty for a layer without parameters
 */
public record SummaryRow(
        String name,
        String type,
        String outputShape,
        long params,
        MaskType mask,
        long maskedZeros,
        String inputs,
        String formula) {}
