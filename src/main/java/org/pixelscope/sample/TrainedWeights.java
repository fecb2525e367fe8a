package org.pixelscope.sample;

import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pixelscope.model.GatedPixelCnnSpec;
import org.pixelscope.model.LayerNames;
import org.pixelscope.model.MaskedConv2D;
import org.pixelscope.model.MaskedLayer;
import org.pixelscope.model.PixelCnnSpec;

/**
 * Reads a trained network's weights for the samplers: the kernels as the forward pass multiplies
 * by them (masks applied), biases, and the layer names the network builder gives its layers. This
 * is the one place in the sampling layer that names layers.
 *
 * <p>Thread: stateless; reads the network on the caller's thread.
 */
final class TrainedWeights {

    static final String FIRST_CONV = LayerNames.FIRST_CONV;
    static final String HIDDEN_OUT = LayerNames.RNN_HIDDEN_OUT;
    static final String PIXEL_OUT = LayerNames.RNN_PIXEL_OUT;
    static final String GATED_HIDDEN_OUT = LayerNames.GATED_HIDDEN_OUT;
    static final String GATED_PIXEL_OUT = LayerNames.GATED_PIXEL_OUT;
    /** The biases of a gated layer, as {@link org.pixelscope.model.GatedPixelCnnLayer} declares them. */
    static final String GATED_VERTICAL_BIAS = "bv";

    static final String GATED_HORIZONTAL_BIAS = "bh";
    static final String GATED_OUT_BIAS = "bo";
    static final String RASTER_SEQUENCE = LayerNames.RASTER_SEQUENCE;
    static final String RASTER_OUT = LayerNames.RASTER_OUT;

    private TrainedWeights() {}

    /** A PixelCNN's convolution {@code i}: 0 the mask-A layer, then the mask-B layers, last the 1x1 output. */
    static String pixelCnnLayer(PixelCnnSpec spec, int i) {
        return LayerNames.pixelCnnLayer(spec, i);
    }

    /** A Gated PixelCNN's gated layer {@code i}, from 1 to {@link GatedPixelCnnSpec#layers()}. */
    static String gatedLayer(int i) {
        return LayerNames.gated(i);
    }

    /** The raster LSTM's LSTM layer {@code i}, from 0. */
    static String rasterLstmLayer(int i) {
        return LayerNames.rasterLstm(i);
    }

    /** A {@link MaskedConv2D}'s kernel {@code W} as the forward pass multiplies by it: {@link #maskedKernel(ComputationGraph, String, String)}. */
    static INDArray maskedKernel(ComputationGraph net, String name) {
        return maskedKernel(net, name, MaskedConv2D.WEIGHT);
    }

    /**
     * A kernel as the forward pass multiplies by it, a copy: times its mask when the layer masks
     * that parameter ({@link MaskedLayer}), as stored otherwise.
     */
    static INDArray maskedKernel(ComputationGraph net, String name, String parameter) {
        INDArray w = net.getLayer(name).getParam(parameter);
        if (w == null) {
            throw new IllegalArgumentException("layer " + name + " has no parameter " + parameter);
        }
        Optional<MaskedLayer> masked =
                MaskedLayer.of(net, name).filter(m -> m.kernel(parameter).isPresent());
        return masked.map(m -> w.mul(m.mask(parameter).castTo(w.dataType()))).orElseGet(w::dup);
    }

    /** A {@link MaskedConv2D}'s bias as a vector {@code [nOut]}, a copy. */
    static INDArray convBias(ComputationGraph net, String name) {
        INDArray b = net.getLayer(name).getParam(MaskedConv2D.BIAS);
        return b.reshape(b.length()).dup();
    }

    /** Any parameter as a flat row-major float array, a copy. */
    static float[] floats(INDArray a) {
        return a.dup('c').reshape(a.length()).toFloatVector();
    }
}
