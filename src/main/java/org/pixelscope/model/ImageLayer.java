package org.pixelscope.model;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every PixelScope SameDiff layer shares: it maps an image-shaped input
 * {@code [N, nIn, H, W]} to {@code [N, outChannels(), H, W]} and back-propagates exact gradients
 * ({@link SameDiffBackprop}). Subclasses define their parameters and graph.
 */
public abstract class ImageLayer extends SameDiffLayer {

    protected long nIn;

    protected ImageLayer() {
        // for JSON
    }

    /** Channels of the output map. */
    protected abstract long outChannels();

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(
            NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners,
            int index,
            INDArray paramsView,
            boolean initializeParams,
            DataType dataType) {
        return SameDiffBackprop.instantiate(this, conf, listeners, index, paramsView, initializeParams, dataType);
    }

    /**
     * What {@code SameDiffLayer.instantiate} does in DL4J 1.0.0-M2.1, for a runtime class of our
     * own: parameter views into the network's flat array, initialised here when asked.
     */
    static org.deeplearning4j.nn.api.Layer wire(
            org.deeplearning4j.nn.layers.samediff.SameDiffLayer runtime,
            ImageLayer layer,
            NeuralNetConfiguration conf,
            int index,
            INDArray paramsView,
            boolean initializeParams) {
        runtime.setIndex(index);
        runtime.setParamsViewArray(paramsView);
        runtime.setParamTable(layer.initializer().init(conf, paramsView, initializeParams));
        runtime.setConf(conf);
        return runtime;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional in = (InputType.InputTypeConvolutional) inputType;
        return InputType.convolutional(in.getHeight(), in.getWidth(), outChannels());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            nIn = ((InputType.InputTypeConvolutional) inputType).getChannels();
        }
    }

    public long getNIn() {
        return nIn;
    }

    public void setNIn(long nIn) {
        this.nIn = nIn;
    }
}
