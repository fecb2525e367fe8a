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
 * DL4J's LSTM layer with its whole-sequence passes on faster code than DL4J's own loop
 * (LSTMHelpers: a dozen small ops per step, each a native call with its set-up): forward on
 * libnd4j's fused LSTM op ({@link LstmLayerOps}), backward through time with large matrix products
 * and a lean per-step loop ({@link LstmBackprop}). Same parameters, same arithmetic: outputs and
 * gradients agree with DL4J's to float rounding. What these do not cover (dropout, weight noise,
 * masks, NWC sequences, other activations: none of which the raster family uses) and the one-step
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

    private static final String W = LSTMParamInitializer.INPUT_WEIGHT_KEY;
    private static final String RW = LSTMParamInitializer.RECURRENT_WEIGHT_KEY;
    private static final String B = LSTMParamInitializer.BIAS_KEY;

    /** What a training pass keeps for backprop: its input and, time-major, the input and outputs. */
    private record Kept(INDArray input, INDArray xt, INDArray ht) {}

    private final LstmLayerOps forwardOps = new LstmLayerOps();
    private final LstmBackprop backprop = new LstmBackprop();
    private Kept kept;

    RasterLstmRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        kept = null;
        if (!fused()) {
            return OneThread.run(() -> super.activate(training, workspaceMgr));
        }
        assertInputSet(false);
        Kept pass = forward(workspaceMgr, training ? ArrayType.ACTIVATIONS : ArrayType.FF_WORKING_MEM);
        kept = training ? pass : null;
        INDArray out = workspaceMgr.createUninitialized(
                ArrayType.ACTIVATIONS, input.dataType(), new long[] {input.size(0), hidden(), input.size(2)}, 'c');
        return out.assign(pass.ht.permute(1, 2, 0));
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Kept k = kept;
        kept = null;
        if (!fused()) {
            return OneThread.run(() -> super.backpropGradient(epsilon, workspaceMgr));
        }
        assertInputSet(true);
        Kept pass = k != null && k.input == input && !k.ht.wasClosed()
                ? k
                : forward(workspaceMgr, ArrayType.BP_WORKING_MEM);
        INDArray gradIn =
                workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        OneThread.run(() -> {
            backprop.backward(
                    pass.xt,
                    pass.ht,
                    getParam(W),
                    getParam(RW),
                    getParam(B),
                    epsilon,
                    gradIn,
                    gradientViews.get(W),
                    gradientViews.get(RW),
                    gradientViews.get(B),
                    workspaceMgr);
            return gradIn;
        });
        Gradient g = new DefaultGradient(gradientsFlattened);
        for (String key : new String[] {W, RW, B}) {
            g.gradientForVariable().put(key, gradientViews.get(key));
        }
        return new Pair<>(g, gradIn);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        return OneThread.run(() -> super.rnnTimeStep(input, workspaceMgr));
    }

    /** The forward pass, time-major; the arrays it returns are of {@code type}. */
    private Kept forward(LayerWorkspaceMgr mgr, ArrayType type) {
        DataType dt = input.dataType();
        long n = input.size(0);
        long steps = input.size(2);
        INDArray xt = mgr.createUninitialized(type, dt, new long[] {steps, n, input.size(1)}, 'c');
        xt.assign(input.permute(2, 0, 1));
        INDArray ht = mgr.createUninitialized(type, dt, new long[] {steps, n, hidden()}, 'c');
        OneThread.run(() -> {
            forwardOps.forward(xt, getParam(W), getParam(RW), getParam(B), ht, mgr, ConvLstmScan.scratch(type));
            return ht;
        });
        return new Kept(input, xt, ht);
    }

    /** Whether this pass is one the fused code computes exactly as DL4J's LSTM does. */
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

    private long hidden() {
        return layerConf().getNOut();
    }

    @Override
    public void clearNoiseWeightParams() {
        super.clearNoiseWeightParams();
        kept = null;
    }

    @Override
    public void clear() {
        super.clear();
        kept = null;
    }
}
