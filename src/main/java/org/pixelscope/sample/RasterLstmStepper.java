package org.pixelscope.sample;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.pixelscope.model.MaskedConv2D;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.RasterLstmSpec;
import org.pixelscope.model.RasterSequence;

/**
 * The step form of a raster LSTM: the same LSTM weights in a second, sequence-in sequence-out
 * graph that DL4J can run one step at a time with {@code rnnTimeStep}, carrying the LSTM state
 * between calls. One pixel then costs one LSTM step instead of a pass over the whole image.
 *
 * <p>Why a second graph: the trained network takes whole images (its first layer,
 * {@link RasterSequence}, flattens and shifts them), and its per-pixel output is a 1x1
 * convolution on the unflattened sequence; neither has a one-step form in DL4J. The step graph
 * is {@code LSTM(s) -> RnnOutputLayer(sigmoid)}: the LSTM layers are copies of the trained
 * network's configurations and weights, the 1x1 kernel {@code [1, 1, hidden, 1]} becomes the
 * dense {@code [hidden, 1]}. Weights are read when the stepper is made; make a new one after
 * further training.
 *
 * <p>Thread: not thread-safe; owned by one sampler.
 */
public final class RasterLstmStepper implements Conditionals {

    private static final String STEP_INPUT = "previous_pixel";
    private static final String STEP_OUT = "p_step";

    private final ComputationGraph steps;
    private final DataType dataType;
    private final double startValue;
    /** The position whose probabilities the last call returned; -1 before the first. */
    private int last = -1;

    public RasterLstmStepper(PixelModel model) {
        if (!(model.spec() instanceof RasterLstmSpec spec)) {
            throw new IllegalArgumentException(model.spec().name() + " is not a raster LSTM");
        }
        ComputationGraph net = model.network();
        dataType = net.params().dataType();
        startValue = ((RasterSequence)
                        net.getLayer(TrainedWeights.RASTER_SEQUENCE).conf().getLayer())
                .getStartValue();
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .dataType(dataType)
                .graphBuilder()
                .addInputs(STEP_INPUT)
                .setInputTypes(InputType.recurrent(1));
        String prev = STEP_INPUT;
        for (int i = 0; i < spec.layers(); i++) {
            String name = TrainedWeights.rasterLstmLayer(i);
            g.addLayer(name, (Layer) net.getLayer(name).conf().getLayer().clone(), prev);
            prev = name;
        }
        g.addLayer(
                STEP_OUT,
                new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .nIn(spec.hidden())
                        .nOut(1)
                        .activation(Activation.SIGMOID)
                        .build(),
                prev);
        g.setOutputs(STEP_OUT);
        steps = new ComputationGraph(g.build());
        steps.init();
        for (int i = 0; i < spec.layers(); i++) {
            String name = TrainedWeights.rasterLstmLayer(i);
            org.deeplearning4j.nn.api.Layer target = steps.getLayer(name);
            net.getLayer(name)
                    .paramTable()
                    .forEach((key, value) -> target.getParam(key).assign(value));
        }
        INDArray w = net.getLayer(TrainedWeights.RASTER_OUT).getParam(MaskedConv2D.WEIGHT);
        steps.getLayer(STEP_OUT).getParam("W").assign(w.reshape(spec.hidden(), 1));
        steps.getLayer(STEP_OUT)
                .getParam("b")
                .assign(TrainedWeights.convBias(net, TrainedWeights.RASTER_OUT).reshape(1, 1));
    }

    /**
     * One LSTM step when {@code k} follows the last position asked for (it feeds pixel k - 1);
     * otherwise the sequence starts over and feeds the start value and pixels 0 .. k - 1.
     */
    @Override
    public float[] next(INDArray images, int k) {
        long n = images.size(0);
        long pixels = images.size(2) * images.size(3);
        if (k < 0 || k >= pixels) {
            throw new IllegalArgumentException(
                    "position " + k + " is outside the " + images.size(2) + "x" + images.size(3) + " image");
        }
        INDArray flat = images.reshape(n, pixels);
        INDArray out;
        if (k == last + 1 && last >= 0) {
            out = steps.rnnTimeStep(flat.getColumn(k - 1).dup().castTo(dataType).reshape(n, 1, 1))[0];
        } else {
            steps.rnnClearPreviousState();
            INDArray seq = Nd4j.valueArrayOf(new long[] {n, 1, k + 1L}, startValue, dataType);
            if (k > 0) {
                seq.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.interval(1, k + 1))
                        .assign(flat.get(NDArrayIndex.all(), NDArrayIndex.interval(0, k)));
            }
            out = steps.rnnTimeStep(seq)[0];
        }
        last = k;
        return out.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.point(out.size(2) - 1))
                .toFloatVector();
    }
}
