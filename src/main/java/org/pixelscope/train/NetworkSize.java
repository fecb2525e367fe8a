package org.pixelscope.train;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.NetworkBuilder;

/**
 * Builds the empty network a checkpoint's spec.json describes, after checking its size: a spec
 * is a few numbers, and a hostile one ({@code "filters": 2000000000}, a 100000x100000 image) would
 * otherwise make the loader allocate without bound. Parameters and per-image activations are
 * counted from the configuration, before anything is allocated.
 *
 * <p>Thread: the caller's.
 */
final class NetworkSize {

    /** 64 M parameters (256 MB of float32): ~340x the chapter's PixelCNN. */
    static final long MAX_PARAMETERS = 1L << 26;
    /** 64 M activation values per image (256 MB): the chapter's PixelCNN needs ~0.4 M. */
    static final long MAX_ACTIVATIONS = 1L << 26;

    private NetworkSize() {}

    /**
     * The network of {@code spec} with its parameters allocated but not initialised (zeros; the
     * loader fills them), with a fresh optimizer state.
     */
    static ComputationGraph buildEmpty(ModelSpec spec, String file) throws CheckpointException {
        ComputationGraphConfiguration conf;
        long parameters = 0;
        long activations = 0;
        try {
            conf = NetworkBuilder.configuration(spec, 0, TrainingConfig.DEFAULT_LEARNING_RATE);
            for (GraphVertex v : conf.getVertices().values()) {
                if (v instanceof LayerVertex layer) {
                    parameters = Math.addExact(parameters, parameters(layer.getLayerConf()));
                }
            }
            // the image, and a conditional network's label planes
            for (InputType t : conf.getLayerActivationTypes(NetworkBuilder.inputTypes(spec))
                    .values()) {
                activations = Math.addExact(activations, t.arrayElementsPerExample());
            }
        } catch (RuntimeException e) {
            throw new CheckpointException(
                    file + ": spec.json describes a network PixelScope cannot build (" + e.getMessage() + ")", e);
        }
        if (parameters > MAX_PARAMETERS || activations > MAX_ACTIVATIONS) {
            throw new CheckpointException(file + ": spec.json describes a network of " + parameters + " parameters and "
                    + activations + " values per image; PixelScope loads at most " + MAX_PARAMETERS + " of each, "
                    + "so the file was not loaded");
        }
        ComputationGraph net = new ComputationGraph(conf);
        net.init(Nd4j.create(DataType.FLOAT, 1, parameters), false);
        return net;
    }

    /**
     * A layer's parameter count. DL4J's count for SameDiff layers multiplies shapes in int and
     * wraps around for huge layers, so those are counted here in long arithmetic.
     */
    private static long parameters(NeuralNetConfiguration c) {
        if (c.getLayer() instanceof AbstractSameDiffLayer sameDiff) {
            long n = 0;
            for (long[] shape : sameDiff.getLayerParams().getParamShapes().values()) {
                long size = 1;
                for (long d : shape) {
                    size = Math.multiplyExact(size, d);
                }
                n = Math.addExact(n, size);
            }
            return n;
        }
        return c.getLayer().initializer().numParams(c);
    }
}
