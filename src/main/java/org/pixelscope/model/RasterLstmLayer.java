package org.pixelscope.model;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The raster LSTM's layer: DL4J's {@link LSTM} (tanh cell and output, sigmoid gates, forget-gate
 * bias 1 as its builder's default), run as {@link RasterLstmRuntime}. Parameters, their names
 * ({@code W}, {@code RW}, {@code b}), layout and initialisation are DL4J's, so checkpoints are
 * unchanged. The no-argument constructor and setters exist for DL4J's JSON.
 */
public class RasterLstmLayer extends LSTM {

    /** DL4J's {@code LSTM.Builder} default, which the no-argument constructor does not set. */
    private static final double FORGET_GATE_BIAS = 1.0;

    public RasterLstmLayer() {
        // for JSON
    }

    public RasterLstmLayer(long nIn, long nOut) {
        setNIn(nIn);
        setNOut(nOut);
        setActivationFn(Activation.TANH.getActivationFunction());
        setGateActivationFn(Activation.SIGMOID.getActivationFunction());
        setForgetGateBiasInit(FORGET_GATE_BIAS);
        // as a builder leaves them: "not set", for the network's defaults to fill in
        setBiasInit(Double.NaN);
        setGainInit(Double.NaN);
    }

    /** What {@code LSTM.instantiate} does in DL4J 1.0.0-M2.1, with {@link RasterLstmRuntime}. */
    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(
            NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners,
            int index,
            INDArray paramsView,
            boolean initializeParams,
            DataType dataType) {
        RasterLstmRuntime runtime = new RasterLstmRuntime(conf, dataType);
        runtime.setListeners(listeners);
        runtime.setIndex(index);
        runtime.setParamsViewArray(paramsView);
        runtime.setParamTable(initializer().init(conf, paramsView, initializeParams));
        runtime.setConf(conf);
        return runtime;
    }
}
