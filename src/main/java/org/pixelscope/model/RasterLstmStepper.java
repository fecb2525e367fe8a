package org.pixelscope.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The step form of a raster LSTM: the same LSTM weights in a second, sequence-in sequence-out
 * graph that DL4J can run one step at a time with {@code rnnTimeStep}, carrying the LSTM state
 * between calls. One pixel then costs one LSTM step instead of a pass over the whole image.
 *
 * <p>Why a second graph: the trained network takes whole images (its first layer,
 * {@link RasterSequence}, flattens and shifts them), and its per-pixel output is a 1x1
 * convolution on the unflattened sequence; neither has a one-step form in DL4J. The step graph
 * is {@code LSTM(s) -> RnnOutputLayer(sigmoid)}; its weights are copied from the model when
 * the stepper is made (the 1x1 kernel {@code [1, 1, hidden, 1]} becomes the dense
 * {@code [hidden, 1]}), so make a new stepper after training further.
 *
 * <p>Thread: not thread-safe; owned by one sampler.
 */
public final class RasterLstmStepper {

    /** The value fed at step 0, where there is no previous pixel: the zero initial state already marks step 0. */
    static final double START_VALUE = 0;

    private static final String STEP_INPUT = "previous_pixel";
    private static final String STEP_OUT = "p_step";

    private final ComputationGraph steps;
    private final DataType dataType;

    public RasterLstmStepper(PixelModel model) {
        if (!supports(model.spec())) {
            throw new IllegalArgumentException(model.spec().name() + " has no step form: only raster and Row LSTMs carry a state "
                    + "from pixel to pixel");
        }
        RasterLstmSpec spec = (RasterLstmSpec) model.spec();
        ComputationGraph net = model.network();
        dataType = net.params().dataType();
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .dataType(dataType)
                .graphBuilder()
                .addInputs(STEP_INPUT)
                .setInputTypes(InputType.recurrent(1));
        String prev = STEP_INPUT;
        for (int i = 0; i < spec.layers(); i++) {
            g.addLayer(LayerNames.rasterLstm(i), lstm(i == 0 ? 1 : spec.hidden(), spec.hidden()), prev);
            prev = LayerNames.rasterLstm(i);
        }
        g.addLayer(STEP_OUT, new RnnOutputLayer.Builder(LossFunctions.LossFunction.XENT)
                .nIn(spec.hidden()).nOut(1).activation(Activation.SIGMOID).build(), prev);
        g.setOutputs(STEP_OUT);
        steps = new ComputationGraph(g.build());
        steps.init();
        for (int i = 0; i < spec.layers(); i++) {
            org.deeplearning4j.nn.api.Layer target = steps.getLayer(LayerNames.rasterLstm(i));
            net.getLayer(LayerNames.rasterLstm(i)).paramTable().forEach((key, value) -> target.getParam(key).assign(value));
        }
        INDArray w = net.getLayer(LayerNames.RASTER_OUT).getParam(MaskedConv2D.WEIGHT);
        steps.getLayer(STEP_OUT).getParam("W").assign(w.reshape(spec.hidden(), 1));
        steps.getLayer(STEP_OUT).getParam("b").assign(net.getLayer(LayerNames.RASTER_OUT).getParam(MaskedConv2D.BIAS).reshape(1, 1));
    }

    public static boolean supports(ModelSpec spec) {
        return spec instanceof RasterLstmSpec;
    }

    /**
     * Starts a new sequence: forgets any state, feeds the start value and the {@code k} given
     * pixels {@code [N, k]} ({@code k} may be 0), and returns p(x_k = 1 | given) per image, {@code [N]}.
     */
    public INDArray begin(INDArray given) {
        steps.rnnClearPreviousState();
        long n = given.size(0);
        INDArray seq = Nd4j.valueArrayOf(new long[] {n, 1, given.size(1) + 1}, START_VALUE, dataType);
        if (given.size(1) > 0) {
            seq.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.interval(1, given.size(1) + 1))
                    .assign(given);
        }
        return lastStep(steps.rnnTimeStep(seq)[0]);
    }

    /** Feeds the pixel just drawn ({@code [N]}) and returns p(x = 1) of the next position, {@code [N]}. */
    public INDArray next(INDArray pixel) {
        return lastStep(steps.rnnTimeStep(pixel.castTo(dataType).reshape(pixel.length(), 1, 1))[0]);
    }

    private static INDArray lastStep(INDArray out) {
        return out.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.point(out.size(2) - 1));
    }

    /** One raster LSTM layer; the same configuration in the image graph and the step graph. */
    static LSTM lstm(int nIn, int hidden) {
        return new LSTM.Builder().nIn(nIn).nOut(hidden)
                .activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID)
                .build();
    }
}
