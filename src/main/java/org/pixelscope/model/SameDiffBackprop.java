package org.pixelscope.model;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime layer of every PixelScope {@code SameDiffLayer}, correcting DL4J 1.0.0-M2.1's
 * backprop: its {@code SameDiffLayer} returns exactly twice the true gradient, for the layer's
 * parameters and for the error it passes to the layer below (measured against central
 * differences; a stock {@code ConvolutionLayer} is exact). In a plain stack Adam hides a
 * constant factor per parameter, but where paths meet (a residual sum) the path through more
 * SameDiff layers would count 2^k times too much. Backprop is linear in the incoming error, so
 * halving that error makes every gradient exact; the gradient tests check it with
 * {@code GradientCheckUtil}.
 */
final class SameDiffBackprop extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {

    private SameDiffBackprop(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return super.backpropGradient(epsilon.mul(0.5), workspaceMgr);
    }

    /** What {@code SameDiffLayer.instantiate} does in DL4J 1.0.0-M2.1, with this runtime class. */
    static org.deeplearning4j.nn.api.Layer instantiate(
            org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer layer,
            NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners,
            int index,
            INDArray paramsView,
            boolean initializeParams,
            DataType dataType) {
        SameDiffBackprop runtime = new SameDiffBackprop(conf, dataType);
        runtime.setIndex(index);
        runtime.setParamsViewArray(paramsView);
        Map<String, INDArray> params = layer.initializer().init(conf, paramsView, initializeParams);
        runtime.setParamTable(params);
        runtime.setConf(conf);
        return runtime;
    }
}
