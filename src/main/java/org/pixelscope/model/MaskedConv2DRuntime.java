package org.pixelscope.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
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
 * zero moments leaves them at their initial 0).
 *
 * <p>Masked kernels larger than 1 x 1 (the PixelCNNs' 7 x 7 mask-A and 3 x 3 mask-B layers, the
 * PixelRNNs' first layer) run on {@link Frame} arrays instead ({@link FramedConv}): a matrix product
 * per tap the mask lets through, on a channels-last copy of the input, with ReLU applied in the
 * copies; this was faster than conv2d on this network's sizes (figures in {@link FramedConv}). 1 x 1
 * and unmasked layers stay on conv2d as below.
 *
 * <p>Cropped rows: a mask never lets a tap below the kernel's centre row through ({@link Masks}),
 * so a k x k masked kernel is run as its top k/2+1 rows, a VALID convolution over the input with
 * k/2 zero rows added above and k/2 zero columns on each side: output (r, c) reads rows r-k/2..r,
 * the same taps as the SAME-padded k x k kernel, with about a third less arithmetic for 3 x 3
 * (6 taps instead of 9) and 4 x 7 instead of 7 x 7 for the mask-A layer. The rows below get a
 * zero gradient. The padded copy costs one pass over the input.
 *
 * <p>The pre-activation (and padded input) of a training pass is kept in the activations
 * workspace, alive until the network's backward pass is done, so backprop does not recompute the
 * convolution; when it is not available (another input, a closed workspace) it is recomputed.
 *
 * <p>It extends DL4J's runtime {@code SameDiffLayer} only for its parameter and gradient
 * bookkeeping (views into the network's flat arrays, in the order {@link MaskedConv2D} declares),
 * so checkpoints and the updater see the same layout as before.
 *
 * <p>Thread: one training or inference thread at a time, like every DL4J layer.
 */
final class MaskedConv2DRuntime extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {

    /** What a training pass keeps for backprop: its input, the convolution's input and the pre-activation. */
    private record Kept(INDArray input, INDArray convInput, INDArray preActivation) {}

    /**
     * Inference batches of fewer images run on conv2d even when the layer has a frame form: the
     * chapter network's forward pass of 16 images (what the naive sampler runs per pixel) took
     * 75-89 ms on frames against 57-86 ms on conv2d, alternated; of 32 images 117 ms against
     * 135-147 ms, of 64 images 208-265 ms against 266-282 ms.
     */
    static final int FRAMED_INFERENCE_FROM = 24;

    private final MaskedConv2D layer;
    /** Whether the convolution runs on the kernel's rows up to the centre only (see the class doc). */
    private final boolean cropped;
    /** Rows above the kernel centre and columns on each side. */
    private final int up;

    private final int side;
    private final ConvOps conv;
    /** The convolution as products on frame arrays, or null when the layer runs on libnd4j's conv2d. */
    private final FramedConv framed;
    /** The 0/1 mask in the network's data type, or null; and its rows the convolution reads. Outside workspaces. */
    private INDArray fullMask;

    private INDArray mask;
    /** {@code W * mask} on those rows, refreshed before each use; outside workspaces. */
    private INDArray maskedWeights;

    private Kept kept;
    /** What a training pass on frame arrays keeps: its input, the frame pass, and the NCHW pre-activation when the activation is not fused. */
    private record FramedKept(INDArray input, FramedConv.Pass pass, INDArray preActivation) {}

    private FramedKept framedKept;

    MaskedConv2DRuntime(NeuralNetConfiguration conf, DataType dataType, boolean cropRows) {
        super(conf, dataType);
        layer = (MaskedConv2D) conf.getLayer();
        up = layer.getKernelH() / 2;
        side = layer.getKernelW() / 2;
        cropped = cropRows && layer.getMaskType() != null && up > 0;
        conv = cropped
                ? new ConvOps(up + 1, layer.getKernelW(), false)
                : new ConvOps(layer.getKernelH(), layer.getKernelW(), true);
        int kH = layer.getKernelH();
        int kW = layer.getKernelW();
        int cIn = Math.toIntExact(layer.getNIn());
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray m = layer.getMaskType() == null ? null : layer.mask();
            framed = cropRows && FramedConv.suits(kH, kW, cIn, m)
                    ? new FramedConv(kH, kW, cIn, Math.toIntExact(layer.getNOut()), m)
                    : null;
        }
    }

    static org.deeplearning4j.nn.api.Layer instantiate(
            MaskedConv2D layer,
            NeuralNetConfiguration conf,
            int index,
            INDArray paramsView,
            boolean initializeParams,
            DataType dataType) {
        return ImageLayer.wire(
                new MaskedConv2DRuntime(conf, dataType, true), layer, conf, index, paramsView, initializeParams);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (framed != null && (training || input.size(0) >= FRAMED_INFERENCE_FROM)) {
            return framedActivate(training, workspaceMgr);
        }
        framedKept = null;
        INDArray x = convInput(workspaceMgr, training ? ArrayType.ACTIVATIONS : ArrayType.FF_WORKING_MEM);
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), outputShape(), 'c');
        conv.forward(x, effectiveWeights(), bias(), z);
        if (!training) {
            kept = null;
            return activation().getActivation(z, false);
        }
        kept = new Kept(input, x, z);
        return activation().getActivation(workspaceMgr.dup(ArrayType.ACTIVATIONS, z), true);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (framed != null) {
            return framedBackprop(epsilon, workspaceMgr);
        }
        INDArray w = effectiveWeights();
        Kept k = kept;
        kept = null;
        if (k == null || k.input != input || k.preActivation.wasClosed()) {
            INDArray x = convInput(workspaceMgr, ArrayType.BP_WORKING_MEM);
            INDArray z =
                    workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, input.dataType(), outputShape(), 'c');
            conv.forward(x, w, bias(), z);
            k = new Kept(input, x, z);
        }
        // dL/dz, in place of z, which is not needed after this
        INDArray delta = activation().backprop(k.preActivation, epsilon).getFirst();
        INDArray gradX = workspaceMgr.createUninitialized(
                cropped ? ArrayType.BP_WORKING_MEM : ArrayType.ACTIVATION_GRAD,
                input.dataType(),
                k.convInput.shape(),
                'c');
        INDArray gradW = gradTable.get(MaskedConv2D.WEIGHT);
        INDArray gradConvW = cropped ? gradW.get(interval(0, up + 1)) : gradW;
        conv.backward(
                k.convInput,
                w,
                bias(),
                delta,
                gradX,
                gradConvW,
                gradTable.get(MaskedConv2D.BIAS).reshape(layer.getNOut()));
        if (fullMask != null) {
            // the mask's rows below the centre are 0: this also clears the rows a cropped kernel leaves out
            gradW.muli(fullMask);
        }
        INDArray gradIn = cropped ? workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, interior(gradX), 'c') : gradX;
        Gradient g = new DefaultGradient(gradients);
        g.gradientForVariable().put(MaskedConv2D.WEIGHT, gradW);
        g.gradientForVariable().put(MaskedConv2D.BIAS, gradTable.get(MaskedConv2D.BIAS));
        return new Pair<>(g, gradIn);
    }

    /**
     * {@link #activate} on frame arrays ({@link FramedConv}): ReLU and the identity are applied as
     * the output is copied out, any other activation to the copied pre-activation.
     */
    private INDArray framedActivate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), outputShape(), 'c');
        ArrayType keep = training ? ArrayType.ACTIVATIONS : ArrayType.FF_WORKING_MEM;
        INDArray w = paramTable.get(MaskedConv2D.WEIGHT);
        FramedConv.Pass pass = framed.forward(input, w, bias(), out, framedRelu(), workspaceMgr, keep);
        framedKept = training ? new FramedKept(input, pass, fusedActivation() ? null : out) : null;
        if (fusedActivation()) {
            return out;
        }
        return activation().getActivation(training ? workspaceMgr.dup(ArrayType.ACTIVATIONS, out) : out, training);
    }

    /** {@link #backpropGradient} on frame arrays ({@link FramedConv}). */
    private Pair<Gradient, INDArray> framedBackprop(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray w = paramTable.get(MaskedConv2D.WEIGHT);
        FramedKept k = framedKept;
        framedKept = null;
        if (k == null
                || k.input != input
                || k.pass.wasClosed()
                || (k.preActivation != null && k.preActivation.wasClosed())) {
            INDArray out =
                    workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, input.dataType(), outputShape(), 'c');
            FramedConv.Pass pass =
                    framed.forward(input, w, bias(), out, framedRelu(), workspaceMgr, ArrayType.BP_WORKING_MEM);
            k = new FramedKept(input, pass, fusedActivation() ? null : out);
        }
        // dL/dz, in place of z, unless the activation is applied on frame rows
        INDArray eps = fusedActivation()
                ? epsilon
                : activation().backprop(k.preActivation, epsilon).getFirst();
        INDArray gradIn =
                workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        INDArray gradW = gradTable.get(MaskedConv2D.WEIGHT);
        INDArray gradB = gradTable.get(MaskedConv2D.BIAS);
        framed.backward(input, k.pass, w, eps, framedRelu(), gradIn, gradW, gradB, workspaceMgr);
        Gradient g = new DefaultGradient(gradients);
        g.gradientForVariable().put(MaskedConv2D.WEIGHT, gradW);
        g.gradientForVariable().put(MaskedConv2D.BIAS, gradB);
        return new Pair<>(g, gradIn);
    }

    /** Whether the activation runs on frame rows: ReLU or the identity. */
    private boolean fusedActivation() {
        Activation a = layer.getActivation();
        return a == Activation.RELU || a == Activation.IDENTITY;
    }

    private boolean framedRelu() {
        return layer.getActivation() == Activation.RELU;
    }

    /** For tests: split every batch into {@code parts} slices whatever the machine's thread count. */
    void sliceInto(int parts) {
        if (framed != null) {
            framed.sliceInto(parts);
        }
    }

    @Override
    public void clearNoiseWeightParams() {
        kept = null;
        framedKept = null;
    }

    @Override
    public void clear() {
        super.clear();
        kept = null;
        framedKept = null;
    }

    /** The input, or for a cropped kernel a copy with {@code up} zero rows above and {@code side} zero columns each side. */
    private INDArray convInput(LayerWorkspaceMgr mgr, ArrayType type) {
        if (!cropped) {
            return input;
        }
        INDArray padded = mgr.create(
                type,
                input.dataType(),
                new long[] {input.size(0), input.size(1), input.size(2) + up, input.size(3) + 2L * side},
                'c');
        interior(padded).assign(input);
        return padded;
    }

    private INDArray interior(INDArray padded) {
        return padded.get(all(), all(), interval(up, padded.size(2)), interval(side, padded.size(3) - side));
    }

    /** The kernel the convolution reads: {@code W * mask} (its rows up to the centre when cropped), or {@code W} unmasked. */
    private INDArray effectiveWeights() {
        INDArray w = paramTable.get(MaskedConv2D.WEIGHT);
        if (layer.getMaskType() == null) {
            return w;
        }
        INDArray rows = cropped ? w.get(interval(0, up + 1)) : w;
        if (mask == null || mask.dataType() != w.dataType()) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                fullMask = layer.mask().castTo(w.dataType());
                mask = (cropped ? fullMask.get(interval(0, up + 1)) : fullMask).dup('c');
                maskedWeights = Nd4j.createUninitialized(w.dataType(), rows.shape(), 'c');
            }
        }
        return maskedWeights.assign(rows).muli(mask);
    }

    private INDArray bias() {
        return paramTable.get(MaskedConv2D.BIAS).reshape(layer.getNOut());
    }

    private IActivation activation() {
        return layer.getActivation().getActivationFunction();
    }

    private long[] outputShape() {
        return new long[] {input.size(0), layer.getNOut(), input.size(2), input.size(3)};
    }
}
