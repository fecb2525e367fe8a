package org.pixelscope.model;

import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;

/**
 * The PixelRNN body shared by Row LSTM and Diagonal BiLSTM (van den Oord et al. 2016, sec. 3.4):
 * a mask-A convolution {@code conv0_A} (the only layer that reads the image, so the only one that
 * must hide the current pixel), recurrent layers each added to its input ({@code resI}), then a
 * ReLU 1x1 mask-B conv {@code out1_B} and a 1x1 sigmoid {@code out2_B}.
 */
final class PixelRnnBody {

    private PixelRnnBody() {}

    /** Adds the body with {@code layers} recurrent layers named by {@code layerName}; returns the output layer's name. */
    static String addLayers(
            ComputationGraphConfiguration.GraphBuilder g,
            int hidden,
            int firstKernel,
            int layers,
            IntFunction<String> layerName,
            Supplier<Layer> layer) {
        g.addLayer(
                LayerNames.FIRST_CONV,
                new MaskedConv2D(1, hidden, firstKernel, firstKernel, MaskType.A, Activation.IDENTITY),
                LayerNames.INPUT);
        String prev = LayerNames.FIRST_CONV;
        for (int i = 1; i <= layers; i++) {
            String name = layerName.apply(i);
            g.addLayer(name, layer.get(), prev);
            String sum = LayerNames.residual(i);
            g.addVertex(sum, new ElementWiseVertex(ElementWiseVertex.Op.Add), prev, name);
            prev = sum;
        }
        g.addLayer(
                LayerNames.RNN_HIDDEN_OUT, new MaskedConv2D(hidden, hidden, 1, 1, MaskType.B, Activation.RELU), prev);
        g.addLayer(
                LayerNames.RNN_PIXEL_OUT,
                new MaskedConv2D(hidden, 1, 1, 1, MaskType.B, Activation.SIGMOID),
                LayerNames.RNN_HIDDEN_OUT);
        return LayerNames.RNN_PIXEL_OUT;
    }
}
