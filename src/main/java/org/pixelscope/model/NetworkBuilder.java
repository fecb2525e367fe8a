package org.pixelscope.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Builds the DL4J network a {@link ModelSpec} describes. All specs become a
 * {@code ComputationGraph} with one input {@code "image"} ({@code [N, 1, H, W]}) and one output
 * {@code "p"}: p(x=1) per pixel, {@code [N, 1, H, W]}, trained with binary cross-entropy, or for K
 * grey levels the softmax over each pixel's K logits, {@code [N, K, H, W]} ({@link LevelOutput}); a
 * class-conditional spec ({@link ModelSpec#classes()}) adds the input {@link LayerNames#LABEL}. What
 * lies between is the spec's family's business ({@link ModelFamily#addLayers}). The layer names
 * are persisted in checkpoints, and the fast samplers read the trained weights by them.
 */
public final class NetworkBuilder {

    /** Input vertex name ({@link LayerNames#INPUT}). */
    public static final String INPUT = LayerNames.INPUT;
    /** Output layer name ({@link LayerNames#OUTPUT}). */
    public static final String OUTPUT = LayerNames.OUTPUT;

    private NetworkBuilder() {}

    /** A freshly initialised network; the seed fixes the initial weights. */
    public static PixelModel build(ModelSpec spec, long seed, double learningRate) {
        ComputationGraph net = new ComputationGraph(configuration(spec, seed, learningRate));
        net.init();
        return new PixelModel(spec, net);
    }

    /** The types of the network's inputs: the image, and a conditional spec's label planes. */
    public static InputType[] inputTypes(ModelSpec spec) {
        InputType image = InputType.convolutional(spec.height(), spec.width(), 1);
        return spec.classes() > 0
                ? new InputType[] {image, InputType.convolutional(spec.height(), spec.width(), spec.classes())}
                : new InputType[] {image};
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
                .graphBuilder();
        if (spec.classes() > 0) {
            g.addInputs(INPUT, LayerNames.LABEL);
        } else {
            g.addInputs(INPUT);
        }
        g.setInputTypes(inputTypes(spec));
        String last = ModelFamilies.addLayers(g, spec);
        g.addLayer(OUTPUT, LevelOutput.loss(spec.levels()), last);
        g.setOutputs(OUTPUT);
        return g.build();
    }
}
