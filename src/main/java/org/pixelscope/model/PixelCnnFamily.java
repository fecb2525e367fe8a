package org.pixelscope.model;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.nd4j.linalg.activations.Activation;

/**
 * The masked-convolution PixelCNN ({@link PixelCnnSpec}): the chapter's network and its residual
 * variant. {@code conv0_A} (mask A, ReLU), {@code conv1_B .. convN_B} (mask B, ReLU, each summed
 * with its input into {@code resI} when residual), then the 1x1 output {@code out_1x1} (sigmoid,
 * or K logits: {@link LevelOutput}).
 */
final class PixelCnnFamily implements ModelFamily<PixelCnnSpec> {

    @Override
    public String kind() {
        return PixelCnnSpec.KIND;
    }

    @Override
    public Class<PixelCnnSpec> specType() {
        return PixelCnnSpec.class;
    }

    @Override
    public List<PixelCnnSpec> namedSpecs() {
        return List.of(
                PixelCnnSpec.chapter(),
                new PixelCnnSpec(
                        "pixelcnn-residual",
                        "Residual PixelCNN: the chapter's layers with a skip connection around each mask-B conv",
                        28,
                        28,
                        64,
                        7,
                        5,
                        3,
                        true));
    }

    @Override
    public String addLayers(ComputationGraphConfiguration.GraphBuilder g, PixelCnnSpec p) {
        int f = p.filters();
        g.addLayer(
                LayerNames.FIRST_CONV,
                new MaskedConv2D(1, f, p.firstKernel(), p.firstKernel(), MaskType.A, Activation.RELU),
                LayerNames.INPUT);
        String prev = LayerNames.FIRST_CONV;
        for (int i = 1; i <= p.hiddenLayers(); i++) {
            String conv = LayerNames.pixelCnnLayer(p, i);
            g.addLayer(
                    conv,
                    new MaskedConv2D(f, f, p.hiddenKernel(), p.hiddenKernel(), MaskType.B, Activation.RELU),
                    prev);
            if (p.residual()) {
                String sum = LayerNames.residual(i);
                g.addVertex(sum, new ElementWiseVertex(ElementWiseVertex.Op.Add), prev, conv);
                prev = sum;
            } else {
                prev = conv;
            }
        }
        // 1x1 output: a mask B of size 1 keeps every tap, so it is a plain conv (K logits for K levels).
        String out = LayerNames.pixelCnnLayer(p, p.hiddenLayers() + 1);
        g.addLayer(out, LevelOutput.layer(f, p.levels()), prev);
        return out;
    }

    @Override
    public String unseenPixels(PixelCnnSpec spec) {
        return "pixels beyond the reach of its stacked kernels (too many rows up or columns aside) and the"
                + " blind spot to the upper right, which stacking masked convolutions never fills.";
    }
}
