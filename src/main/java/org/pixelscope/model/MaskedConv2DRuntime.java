package org.pixelscope.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime of {@link MaskedConv2D}: {@code conv2d(x, W * mask) + b} and its gradients computed
 * by calling libnd4j's {@code conv2d} / {@code conv2d_bp} ops directly ({@link ConvOps}), with no
 * SameDiff graph per step. That graph costs more than the convolutions themselves for this
 * network's sizes (per-step session set-up, copies of the input and of every gradient, the mask
 * product as a graph op); the direct ops do only the arithmetic.
 *
 * <p>Exactness is as in the graph form: the forward pass reads {@code W * mask}, so a masked tap
 * contributes 0 even if a stored weight were not 0, and the weight gradient is the effective
 * kernel's gradient times the mask, so masked weights get exactly 0 (Adam with zero gradient and
 * zero moments leaves them at their initial 0). The pre-activation of a training pass is kept in
 * the activations workspace (alive until the network's backward pass is done) so backprop does
 * not recompute the convolution; when it is not available (another input, a closed workspace) it
 * is recomputed.
 *
 * <p>It extends DL4J's runtime {@code SameDiffLayer} only for its parameter and gradient
 * bookkeeping (views into the network's flat arrays, in the order {@link MaskedConv2D} declares),
 * so checkpoints and the updater see the same layout as before.
 *
 * <p>Thread: one training or inference thread at a time, like every DL4J layer.
 */
final class MaskedConv2DRuntime extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {

    private final ConvOps conv;
    /** The 0/1 mask in the network's data type, or null for an unmasked layer; outside workspaces. */
    private INDArray mask;
    /** {@code W * mask}, refreshed before each use; outside workspaces. */
    private INDArray maskedWeights;
    private INDArray preActivation;
    private INDArray preActivationInput;

    MaskedConv2DRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        MaskedConv2D layer = (MaskedConv2D) conf.getLayer();
        conv = new ConvOps(layer.getKernelH(), layer.getKernelW(), true);
    }

    static org.deeplearning4j.nn.api.Layer instantiate(MaskedConv2D layer, NeuralNetConfiguration conf, int index,
            INDArray paramsView, boolean initializeParams, DataType dataType) {
        return ImageLayer.wire(new MaskedConv2DRuntime(conf, dataType), layer, conf, index, paramsView, initializeParams);
    }

    private MaskedConv2D layer() {
        return (MaskedConv2D) conf.getLayer();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray w = effectiveWeights();
        if (!training) {
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), outputShape(), 'c');
            conv.forward(input, w, bias(), out);
            return activation().getActivation(out, false);
        }
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), outputShape(), 'c');
        conv.forward(input, w, bias(), z);
        preActivation = z;
        preActivationInput = input;
        return activation().getActivation(workspaceMgr.dup(ArrayType.ACTIVATIONS, z), true);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray w = effectiveWeights();
        INDArray z = preActivation;
        if (z == null || preActivationInput != input || z.wasClosed()) {
            z = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, input.dataType(), outputShape(), 'c');
            conv.forward(input, w, bias(), z);
        }
        preActivation = null;
        preActivationInput = null;
        // dL/dz, in place of z, which is not needed after this
        INDArray delta = activation().backprop(z, epsilon).getFirst();
        INDArray gradIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        INDArray gradW = gradTable.get(MaskedConv2D.WEIGHT);
        INDArray gradB = gradTable.get(MaskedConv2D.BIAS).reshape(layer().getNOut());
        conv.backward(input, w, bias(), delta, gradIn, gradW, gradB);
        if (mask != null) {
            gradW.muli(mask);
        }
        Gradient g = new DefaultGradient(gradients);
        g.gradientForVariable().put(MaskedConv2D.WEIGHT, gradTable.get(MaskedConv2D.WEIGHT));
        g.gradientForVariable().put(MaskedConv2D.BIAS, gradTable.get(MaskedConv2D.BIAS));
        return new Pair<>(g, gradIn);
    }

    @Override
    public void clearNoiseWeightParams() {
        preActivation = null;
        preActivationInput = null;
    }

    @Override
    public void clear() {
        super.clear();
        preActivation = null;
        preActivationInput = null;
    }

    /** The kernel the convolution reads: {@code W * mask}, or {@code W} for an unmasked layer. */
    private INDArray effectiveWeights() {
        INDArray w = paramTable.get(MaskedConv2D.WEIGHT);
        if (layer().getMaskType() == null) {
            return w;
        }
        if (mask == null || mask.dataType() != w.dataType()) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                mask = layer().mask().castTo(w.dataType());
                maskedWeights = Nd4j.createUninitialized(w.dataType(), w.shape(), 'c');
            }
        }
        return maskedWeights.assign(w).muli(mask);
    }

    private INDArray bias() {
        return paramTable.get(MaskedConv2D.BIAS).reshape(layer().getNOut());
    }

    private IActivation activation() {
        return layer().getActivation().getActivationFunction();
    }

    private long[] outputShape() {
        return new long[] {input.size(0), layer().getNOut(), input.size(2), input.size(3)};
    }
}
