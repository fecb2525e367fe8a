package org.pixelscope.model;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The inverse of flattening: a raster-order sequence {@code [N, C, H*W]} back to maps
 * {@code [N, C, H, W]} (step t to row t / W, column t % W), so per-step outputs become per-pixel
 * outputs the shared loss layer, samplers and read-outs understand. No parameters.
 */
public class RasterImage extends SameDiffLambdaLayer {

    private int height;
    private int width;

    public RasterImage() {
        // for JSON
    }

    public RasterImage(int height, int width) {
        this.height = height;
        this.width = width;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input) {
        return sd.reshape(RowLstm.OUTPUT_NAME, input, -1, channels(input), height, width);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(
            org.deeplearning4j.nn.conf.NeuralNetConfiguration conf,
            java.util.Collection<org.deeplearning4j.optimize.api.TrainingListener> listeners,
            int index,
            INDArray paramsView,
            boolean initializeParams,
            org.nd4j.linalg.api.buffer.DataType dataType) {
        return SameDiffBackprop.instantiate(this, conf, listeners, index, paramsView, initializeParams, dataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeRecurrent in = (InputType.InputTypeRecurrent) inputType;
        if (in.getTimeSeriesLength() != (long) height * width) {
            throw new IllegalArgumentException("a " + height + "x" + width + " image needs " + height * width
                    + " steps, got " + in.getTimeSeriesLength());
        }
        return InputType.convolutional(height, width, in.getSize());
    }

    private static long channels(SDVariable input) {
        return input.getShape()[1];
    }

    public int getHeight() {
        return height;
    }

    public void setHeight(int height) {
        this.height = height;
    }

    public int getWidth() {
        return width;
    }

    public void setWidth(int width) {
        this.width = width;
    }
}
