package org.pixelscope.model;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.nd4j.linalg.activations.Activation;

/**
 * The Gated PixelCNN ({@link GatedPixelCnnSpec}): gated layers {@code gated1 .. gatedN} (the first
 * reads the image, the last passes on its horizontal stack only), then the 1x1 ReLU {@code out1}
 * and the 1x1 output {@code out2} (sigmoid, or K logits: {@link LevelOutput}). A conditional spec's layers each read their input joined with
 * the label planes ({@code gatedI_in}: {@code [V; H; label]}).
 */
final class GatedPixelCnnFamily implements ModelFamily<GatedPixelCnnSpec> {

    @Override
    public String kind() {
        return GatedPixelCnnSpec.KIND;
    }

    @Override
    public Class<GatedPixelCnnSpec> specType() {
        return GatedPixelCnnSpec.class;
    }

    @Override
    public List<GatedPixelCnnSpec> namedSpecs() {
        return List.of(GatedPixelCnnSpec.standard(), GatedPixelCnnSpec.conditional());
    }

    @Override
    public String addLayers(ComputationGraphConfiguration.GraphBuilder g, GatedPixelCnnSpec p) {
        int f = p.filters();
        int classes = p.classes();
        String prev = LayerNames.INPUT;
        for (int i = 1; i <= p.layers(); i++) {
            String name = LayerNames.gated(i);
            String in = prev;
            if (classes > 0) {
                in = LayerNames.gatedInput(i);
                g.addVertex(in, new MergeVertex(), prev, LayerNames.LABEL);
            }
            g.addLayer(
                    name,
                    new GatedPixelCnnLayer(
                            (i == 1 ? 1 : 2L * f) + classes,
                            f,
                            i == 1 ? p.firstKernel() : p.kernel(),
                            i == 1,
                            i == p.layers(),
                            classes),
                    in);
            prev = name;
        }
        g.addLayer(LayerNames.GATED_HIDDEN_OUT, new MaskedConv2D(f, f, 1, 1, null, Activation.RELU), prev);
        g.addLayer(LayerNames.GATED_PIXEL_OUT, LevelOutput.layer(f, p.levels()), LayerNames.GATED_HIDDEN_OUT);
        return LayerNames.GATED_PIXEL_OUT;
    }

    @Override
    public String unseenPixels(GatedPixelCnnSpec spec) {
        return "they are beyond the reach of its vertical stack (too many rows up, or too far to the side: it"
                + " widens by a few columns per layer) or of its horizontal stack (too far left in this row)."
                + " Within that reach it sees everything: its two stacks leave no blind spot.";
    }

    @Override
    public Optional<String> withoutRasterMasks() {
        return Optional.of("The Gated PixelCNN needs no masks in its later layers: its vertical stack's kernels cover"
                + " only rows that are already above the pixel, its horizontal stack's only the pixels to the left."
                + " Only the first layer, which reads the image, leaves out the pixel's own row (vertical) and the"
                + " pixel itself (horizontal). Its receptive field, measured from the model itself, is shown"
                + " below: no blind spot.");
    }
}
