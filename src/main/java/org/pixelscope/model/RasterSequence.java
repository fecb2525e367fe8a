package org.pixelscope.model;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns images {@code [N, C, H, W]} into the raster LSTM's input sequence {@code [N, C, H*W]},
 * shifted one step right: step t holds pixel t-1 and step 0 holds {@link #getStartValue()}.
 *
 * <pre>
 *   image      x0 x1 x2        sequence   s  x0 x1 x2 x3 x4 x5 x6 x7
 *              x3 x4 x5   -&gt;   step       0  1  2  3  4  5  6  7  8
 *              x6 x7 x8
 * </pre>
 *
 * The shift is what makes the model autoregressive: the output at step t can only see x_0 ..
 * x_{t-1}. It sits inside the graph, so the network still takes whole images and the trainer,
 * metrics and samplers need nothing special. No parameters.
 */
public class RasterSequence extends SameDiffLambdaLayer {

    private int height;
    private int width;
    private double startValue;

    public RasterSequence() {
        // for JSON
    }

    public RasterSequence(int height, int width, double startValue) {
        this.height = height;
        this.width = width;
        this.startValue = startValue;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input) {
        long steps = (long) height * width;
        SDVariable flat = input.reshape(-1, 1, steps);
        // one start value in front of the sequence, then drop the last pixel: nothing predicts from it
        SDVariable padded = sd.nn()
                .pad(
                        flat,
                        sd.constant(org.nd4j.linalg.factory.Nd4j.createFromArray(new int[][] {{0, 0}, {0, 0}, {1, 0}})),
                        PadMode.CONSTANT,
                        startValue);
        return sd.identity(RowLstm.OUTPUT_NAME, padded.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0L, steps)));
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
        InputType.InputTypeConvolutional in = (InputType.InputTypeConvolutional) inputType;
        if (in.getChannels() != 1) {
            throw new IllegalArgumentException("the raster sequence reads one channel, got " + in.getChannels());
        }
        return InputType.recurrent(1, (long) height * width);
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

    public double getStartValue() {
        return startValue;
    }

    public void setStartValue(double startValue) {
        this.startValue = startValue;
    }
}
