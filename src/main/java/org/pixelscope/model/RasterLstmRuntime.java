package org.pixelscope.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's LSTM layer with its whole-sequence passes on libnd4j's fused LSTM ops
 * ({@link LstmLayerOps}) instead of DL4J's own loop (LSTMHelpers: a dozen small ops per step, each
 * a native call with its set-up). Same parameters, same arithmetic: outputs and gradients agree
 * with DL4J's to float rounding. What the fused ops do not cover (dropout, weight noise, masks, NWC
 * sequences, other activations: none of which the raster family uses) and the one-step
 * {@code rnnTimeStep} of the recurrent sampler stay on DL4J's code, so sampling draws are
 * unchanged.
 *
 * <p>Every pass runs on one OpenMP thread ({@link OneThread}): each of the H x W steps is a small
 * matrix product, too small to gain from a second thread, and on a shared 2-core machine each
 * would pay a wait for one.
 *
 * <p>Thread: one training or inference thread at a time, like every DL4J layer.
 */
final class RasterLstmRuntime extends org.deeplearning4j.nn.layers.recurrent.LSTM {

    private final LstmLayerOps ops = new LstmLayerOps();

    RasterLstmRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!fused()) {
            return OneThread.run(() -> super.activate(training, workspaceMgr));
        }
        assertInputSet(false);
        INDArray out = workspaceMgr.createUninitialized(
                ArrayType.ACTIVATIONS, input.dataType(), new long[] {input.size(0), hidden(), input.size(2)}, 'c');
        return OneThread.run(() -> {
            ops.forward(
                    input,
                    param(LSTMParamInitializer.INPUT_WEIGHT_KEY),
                    param(LSTMParamInitializer.RECURRENT_WEIGHT_KEY),
                    param(LSTMParamInitializer.BIAS_KEY),
                    out,
                    workspaceMgr,
                    ArrayType.FF_WORKING_MEM);
            return out;
        });
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!fused()) {
            return OneThread.run(() -> super.backpropGradient(epsilon, workspaceMgr));
        }
        assertInputSet(true);
        INDArray gradIn =
                workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        String[] keys = {
            LSTMParamInitializer.INPUT_WEIGHT_KEY,
            LSTMParamInitializer.RECURRENT_WEIGHT_KEY,
            LSTMParamInitializer.BIAS_KEY
        };
        OneThread.run(() -> {
            ops.backward(
                    input,
                    param(keys[0]),
                    param(keys[1]),
                    param(keys[2]),
                    epsilon,
                    gradIn,
                    gradientViews.get(keys[0]),
                    gradientViews.get(keys[1]),
                    gradientViews.get(keys[2]),
                    workspaceMgr);
            return gradIn;
        });
        Gradient g = new DefaultGradient(gradientsFlattened);
        for (String key : keys) {
            g.gradientForVariable().put(key, gradientViews.get(key));
        }
        return new Pair<>(g, gradIn);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        return OneThread.run(() -> super.rnnTimeStep(input, workspaceMgr));
    }

    /** Whether this pass is one the fused ops compute exactly as DL4J's LSTM does. */
    private boolean fused() {
        org.deeplearning4j.nn.conf.layers.LSTM conf = layerConf();
        return conf.getGateActivationFn() instanceof ActivationSigmoid
                && conf.getActivationFn() instanceof ActivationTanH
                && conf.getIDropout() == null
                && conf.getWeightNoise() == null
                && maskArray == null
                && getDataFormat() == RNNFormat.NCW
                && input != null
                && input.rank() == 3;
    }

    private INDArray param(String key) {
        return getParam(key);
    }

    private long hidden() {
        return layerConf().getNOut();
    }
}
