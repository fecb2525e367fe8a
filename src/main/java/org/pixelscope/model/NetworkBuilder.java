package org.pixelscope.model;

import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the DL4J network a {@link ModelSpec} describes. All specs become a
 * {@code ComputationGraph} with one input {@code "image"} ({@code [N, 1, H, W]}) and one output
 * {@code "p"}: p(x=1) per pixel, {@code [N, 1, H, W]}, trained with binary cross-entropy. The layer
 * names are persisted in checkpoints, and the fast samplers read the trained weights by them.
 */
public final class NetworkBuilder {

    /** Input vertex name ({@link LayerNames#INPUT}). */
    public static final String INPUT = LayerNames.INPUT;
    /** Output layer name ({@link LayerNames#OUTPUT}). */
    public static final String OUTPUT = LayerNames.OUTPUT;
    /** The value the raster sequence holds at step 0, where there is no previous pixel: the zero initial state already marks step 0. */
    private static final double RASTER_START_VALUE = 0;

    private NetworkBuilder() {}

    /** A freshly initialised network; the seed fixes the initial weights. */
    public static PixelModel build(ModelSpec spec, long seed, double learningRate) {
        ComputationGraph net = new ComputationGraph(configuration(spec, seed, learningRate));
        net.init();
        return new PixelModel(spec, net);
    }

    /**
     * The network's configuration, before any parameter is allocated: the checkpoint loader
     * sizes a network from it before building one, and fills the parameters itself.
     */
    public static ComputationGraphConfiguration configuration(ModelSpec spec, long seed, double learningRate) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(spec.height(), spec.width(), 1));
        String last;
        if (spec instanceof PixelCnnSpec p) {
            last = pixelCnn(g, p);
        } else if (spec instanceof GatedPixelCnnSpec gated) {
            last = gatedPixelCnn(g, gated);
        } else if (spec instanceof RasterLstmSpec r) {
            last = rasterLstm(g, r);
        } else if (spec instanceof RowLstmSpec r) {
            last = recurrentLayers(
                    g,
                    r.hidden(),
                    r.firstKernel(),
                    r.layers(),
                    LayerNames::rowLstm,
                    () -> new RowLstm(r.hidden(), r.hidden(), r.rowKernel()));
        } else if (spec instanceof DiagonalBiLstmSpec d) {
            last = recurrentLayers(
                    g,
                    d.hidden(),
                    d.firstKernel(),
                    d.layers(),
                    LayerNames::biLstm,
                    () -> new DiagonalBiLstm(d.hidden(), d.hidden()));
        } else {
            throw new IllegalArgumentException(
                    "no network builder for " + spec.getClass().getSimpleName());
        }
        g.addLayer(
                OUTPUT,
                new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT)
                        .activation(Activation.IDENTITY)
                        .build(),
                last);
        g.setOutputs(OUTPUT);
        return g.build();
    }

    /** Name of a PixelCNN's convolution {@code i}: 0 the mask-A layer, then the mask-B layers, last the 1x1 output. */
    public static String pixelCnnLayer(PixelCnnSpec p, int i) {
        if (i == 0) {
            return LayerNames.FIRST_CONV;
        }
        return i <= p.hiddenLayers() ? LayerNames.pixelCnnHidden(i) : LayerNames.PIXELCNN_OUT;
    }

    private static String pixelCnn(ComputationGraphConfiguration.GraphBuilder g, PixelCnnSpec p) {
        int f = p.filters();
        g.addLayer(
                LayerNames.FIRST_CONV,
                new MaskedConv2D(1, f, p.firstKernel(), p.firstKernel(), MaskType.A, Activation.RELU),
                INPUT);
        String prev = LayerNames.FIRST_CONV;
        for (int i = 1; i <= p.hiddenLayers(); i++) {
            String conv = pixelCnnLayer(p, i);
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
        // 1x1 output: a mask B of size 1 keeps every tap, so for one channel it is a plain conv.
        String out = pixelCnnLayer(p, p.hiddenLayers() + 1);
        g.addLayer(out, new MaskedConv2D(f, 1, 1, 1, null, Activation.SIGMOID), prev);
        return out;
    }

    /** Gated layers (the first reads the image, the last passes on its horizontal stack only), then 1x1 ReLU and 1x1 sigmoid. */
    private static String gatedPixelCnn(ComputationGraphConfiguration.GraphBuilder g, GatedPixelCnnSpec p) {
        int f = p.filters();
        String prev = INPUT;
        for (int i = 1; i <= p.layers(); i++) {
            String name = LayerNames.gated(i);
            g.addLayer(
                    name,
                    new GatedPixelCnnLayer(
                            i == 1 ? 1 : 2L * f, f, i == 1 ? p.firstKernel() : p.kernel(), i == 1, i == p.layers()),
                    prev);
            prev = name;
        }
        g.addLayer(LayerNames.GATED_HIDDEN_OUT, new MaskedConv2D(f, f, 1, 1, null, Activation.RELU), prev);
        g.addLayer(
                LayerNames.GATED_PIXEL_OUT,
                new MaskedConv2D(f, 1, 1, 1, null, Activation.SIGMOID),
                LayerNames.GATED_HIDDEN_OUT);
        return LayerNames.GATED_PIXEL_OUT;
    }

    /**
     * The PixelRNN body shared by Row LSTM and Diagonal BiLSTM (paper, sec. 3.4): a mask-A
     * convolution (the only layer that reads the image, so the only one that must hide the
     * current pixel), recurrent layers each added to its input, then a ReLU 1x1 mask-B conv
     * and a 1x1 sigmoid.
     */
    private static String recurrentLayers(
            ComputationGraphConfiguration.GraphBuilder g,
            int hidden,
            int firstKernel,
            int layers,
            IntFunction<String> layerName,
            Supplier<Layer> layer) {
        g.addLayer(
                LayerNames.FIRST_CONV,
                new MaskedConv2D(1, hidden, firstKernel, firstKernel, MaskType.A, Activation.IDENTITY),
                INPUT);
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

    /**
     * Image -> shifted raster sequence -> LSTM(s) -> back to maps -> 1x1 sigmoid per pixel. The
     * 1x1 convolution on the unflattened LSTM output is the per-step Bernoulli output layer.
     */
    private static String rasterLstm(ComputationGraphConfiguration.GraphBuilder g, RasterLstmSpec r) {
        g.addLayer(LayerNames.RASTER_SEQUENCE, new RasterSequence(r.height(), r.width(), RASTER_START_VALUE), INPUT);
        String prev = LayerNames.RASTER_SEQUENCE;
        for (int i = 0; i < r.layers(); i++) {
            String name = LayerNames.rasterLstm(i);
            g.addLayer(
                    name,
                    new LSTM.Builder()
                            .nIn(i == 0 ? 1 : r.hidden())
                            .nOut(r.hidden())
                            .activation(Activation.TANH)
                            .gateActivationFunction(Activation.SIGMOID)
                            .build(),
                    prev);
            prev = name;
        }
        g.addLayer(LayerNames.RASTER_TO_IMAGE, new RasterImage(r.height(), r.width()), prev);
        g.addLayer(
                LayerNames.RASTER_OUT,
                new MaskedConv2D(r.hidden(), 1, 1, 1, null, Activation.SIGMOID),
                LayerNames.RASTER_TO_IMAGE);
        return LayerNames.RASTER_OUT;
    }
}
