package org.pixelscope.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The runtime of {@link GatedPixelCnnLayer}: the layer's equations (drawn there) and their
 * gradients written out by hand on libnd4j's conv2d / conv2d_bp ops ({@link ConvOps}) and
 * element-wise ops, with no per-step SameDiff graph. The graph form spent most of its time on
 * per-step graph overhead and on the gradients of its channel slices and pads (each a full-size
 * map of zeros); here the pads are copies into zero-bordered buffers and the slices are views.
 *
 * <p>Padding: the vertical input gets {@code up} rows above and {@code k/2} columns each side,
 * the horizontal input {@code up} columns on the left, then VALID convolutions, so output (r, c)
 * reads rows r-up..r (vertical) and columns c-up..c (horizontal) as in the graph form. The first
 * layer's kernels are multiplied by their masks in the forward pass and their gradients by the
 * same masks. A conditional layer reads the one-hot label at position (0, 0) of its label channels
 * and adds {@code Lv^T h} to {@code v_z} and {@code Lh^T h} to {@code h_z}, broadcast over the
 * image; their gradients are the label times the gate gradients summed over the image, and the
 * label channels get that error at (0, 0) and 0 elsewhere. Forward results a training pass keeps for backprop live in the activations
 * workspace; when they are not available (another input, a closed workspace) backprop recomputes
 * them.
 *
 * <p>Thread: one training or inference thread at a time, like every DL4J layer.
 */
final class GatedPixelCnnRuntime extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {

    /** What the forward pass computed, as backprop needs it. */
    private record Forward(
            INDArray input,
            INDArray vPad,
            INDArray hPad,
            INDArray vz,
            INDArray vTanh,
            INDArray vSigmoid,
            INDArray hTanh,
            INDArray hSigmoid,
            INDArray hGate,
            INDArray label) {}

    private final GatedPixelCnnLayer layer;
    private final int up;
    private final int half;
    private final ConvOps vertical;
    private final ConvOps horizontal;
    private final ConvOps pointwise;
    private final GatePlanes planes = new GatePlanes();
    private INDArray verticalMask;
    private INDArray horizontalMask;
    private INDArray maskedVertical;
    private INDArray maskedHorizontal;
    private Forward kept;

    private GatedPixelCnnRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        layer = (GatedPixelCnnLayer) conf.getLayer();
        int k = layer.getKernel();
        half = k / 2;
        up = half + 1 + (layer.isFirst() ? 1 : 0) - 1;
        vertical = new ConvOps(up + 1, k, false);
        horizontal = new ConvOps(1, up + 1, false);
        pointwise = new ConvOps(1, 1, false);
    }

    static org.deeplearning4j.nn.api.Layer instantiate(
            GatedPixelCnnLayer layer,
            NeuralNetConfiguration conf,
            int index,
            INDArray paramsView,
            boolean initializeParams,
            DataType dataType) {
        return ImageLayer.wire(
                new GatedPixelCnnRuntime(conf, dataType), layer, conf, index, paramsView, initializeParams);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Forward fw = forward(workspaceMgr, training ? ArrayType.ACTIVATIONS : ArrayType.FF_WORKING_MEM);
        kept = training ? fw : null;
        long f = layer.getFilters();
        INDArray hOut = workspaceMgr.createUninitialized(
                layer.isLast() ? ArrayType.ACTIVATIONS : ArrayType.FF_WORKING_MEM, input.dataType(), shape(f), 'c');
        pointwise.forward(fw.hGate, param(GatedPixelCnnLayer.OUT), bias("bo"), hOut);
        INDArray residual = layer.isFirst() ? null : whole(input);
        if (layer.isLast()) {
            if (residual != null) {
                planes.addBlock(hOut, 0, f, residual, f, residual.size(1), f);
            }
            return hOut;
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), shape(2 * f), 'c');
        planes.stacks(out, fw.vTanh, fw.vSigmoid, hOut, residual, f);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Forward fw = kept;
        if (fw == null || fw.input != input || fw.vz.wasClosed()) {
            fw = forward(workspaceMgr, ArrayType.BP_WORKING_MEM);
        }
        kept = null;
        long f = layer.getFilters();
        INDArray eps = whole(epsilon);
        INDArray epsH = layer.isLast() ? eps : channels(eps, f, 2 * f).dup('c');
        // H' = 1x1(gate(hz)) + bo (+ H)
        INDArray dGate = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, input.dataType(), shape(f), 'c');
        pointwise.backward(
                fw.hGate,
                param(GatedPixelCnnLayer.OUT),
                bias("bo"),
                epsH,
                dGate,
                gradTable.get(GatedPixelCnnLayer.OUT),
                gradTable.get("bo").reshape(f));
        INDArray dhz = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, input.dataType(), shape(2 * f), 'c');
        planes.gateGradient(dhz, dGate, 0, f, fw.hTanh, fw.hSigmoid, f, false);
        // hz = conv_h(H) + bh + 1x1(vz)
        INDArray dvz = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, input.dataType(), shape(2 * f), 'c');
        pointwise.backward(
                fw.vz,
                param(GatedPixelCnnLayer.VERTICAL_TO_HORIZONTAL),
                null,
                dhz,
                dvz,
                gradTable.get(GatedPixelCnnLayer.VERTICAL_TO_HORIZONTAL),
                null);
        INDArray dhPad =
                workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, input.dataType(), fw.hPad.shape(), 'c');
        INDArray gradWh = gradTable.get(GatedPixelCnnLayer.HORIZONTAL);
        horizontal.backward(
                fw.hPad,
                horizontalKernel(),
                bias("bh"),
                dhz,
                dhPad,
                gradWh,
                gradTable.get("bh").reshape(2 * f));
        // V' = gate(vz), vz = conv_v(V) + bv
        if (!layer.isLast()) {
            planes.gateGradient(dvz, eps, 0, eps.size(1), fw.vTanh, fw.vSigmoid, f, true);
        }
        INDArray dLabel = fw.label == null ? null : labelGradients(fw.label, dvz, dhz);
        INDArray dvPad =
                workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, input.dataType(), fw.vPad.shape(), 'c');
        INDArray gradWv = gradTable.get(GatedPixelCnnLayer.VERTICAL);
        vertical.backward(
                fw.vPad,
                verticalKernel(),
                bias("bv"),
                dvz,
                dvPad,
                gradWv,
                gradTable.get("bv").reshape(2 * f));
        if (layer.isFirst()) {
            gradWv.muli(verticalMask);
            gradWh.muli(horizontalMask);
        }
        INDArray dIn =
                workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        long stacks = input.size(1) - layer.getClasses();
        if (layer.isFirst()) {
            channels(dIn, 0, stacks).assign(verticalInterior(dvPad)).addi(horizontalInterior(dhPad));
        } else {
            channels(dIn, 0, f).assign(verticalInterior(dvPad));
            channels(dIn, f, 2 * f).assign(horizontalInterior(dhPad));
            planes.addBlock(dIn, f, dIn.size(1), epsH, 0, f, f);
        }
        if (dLabel != null) {
            INDArray labelChannels = channels(dIn, stacks, input.size(1));
            labelChannels.assign(0);
            labelChannels.get(all(), all(), point(0), point(0)).assign(dLabel);
        }
        Gradient g = new DefaultGradient(gradients);
        for (String name : paramTable.keySet()) {
            g.gradientForVariable().put(name, gradTable.get(name));
        }
        return new Pair<>(g, dIn);
    }

    /** Everything up to the gates, with arrays of {@code type}. */
    private Forward forward(LayerWorkspaceMgr mgr, ArrayType type) {
        long f = layer.getFilters();
        long n = input.size(0);
        long stacks = input.size(1) - layer.getClasses();
        long cIn = layer.isFirst() ? stacks : f;
        long h = input.size(2);
        long w = input.size(3);
        INDArray vIn = layer.isFirst() ? channels(input, 0, stacks) : channels(input, 0, f);
        INDArray hIn = layer.isFirst() ? channels(input, 0, stacks) : channels(input, f, 2 * f);
        INDArray vPad = mgr.create(type, input.dataType(), new long[] {n, cIn, h + up, w + 2L * half}, 'c');
        verticalInterior(vPad).assign(vIn);
        INDArray hPad = mgr.create(type, input.dataType(), new long[] {n, cIn, h, w + up}, 'c');
        horizontalInterior(hPad).assign(hIn);
        INDArray vz = mgr.createUninitialized(type, input.dataType(), shape(2 * f), 'c');
        vertical.forward(vPad, verticalKernel(), bias("bv"), vz);
        INDArray hz = mgr.createUninitialized(type, input.dataType(), shape(2 * f), 'c');
        horizontal.forward(hPad, horizontalKernel(), bias("bh"), hz);
        INDArray label = null;
        if (layer.getClasses() > 0) {
            label = mgr.dup(type, input.get(all(), interval(stacks, input.size(1)), point(0), point(0)));
            vz.addi(label.mmul(param(GatedPixelCnnLayer.LABEL_VERTICAL)).reshape(n, 2 * f, 1, 1));
            hz.addi(label.mmul(param(GatedPixelCnnLayer.LABEL_HORIZONTAL)).reshape(n, 2 * f, 1, 1));
        }
        INDArray fromV = mgr.createUninitialized(type, input.dataType(), shape(2 * f), 'c');
        pointwise.forward(vz, param(GatedPixelCnnLayer.VERTICAL_TO_HORIZONTAL), null, fromV);
        hz.addi(fromV);
        // kept arrays are made in the caller's workspace: an op's own result would land in whichever is open
        INDArray hTanh = Transforms.tanh(mgr.dup(type, channels(hz, 0, f)), false);
        INDArray hSigmoid = Transforms.sigmoid(mgr.dup(type, channels(hz, f, 2 * f)), false);
        INDArray hGate = mgr.createUninitialized(type, input.dataType(), shape(f), 'c');
        Nd4j.exec(new MulOp(hTanh, hSigmoid, hGate));
        INDArray vTanh = layer.isLast() ? null : Transforms.tanh(mgr.dup(type, channels(vz, 0, f)), false);
        INDArray vSigmoid = layer.isLast() ? null : Transforms.sigmoid(mgr.dup(type, channels(vz, f, 2 * f)), false);
        return new Forward(input, vPad, hPad, vz, vTanh, vSigmoid, hTanh, hSigmoid, hGate, label);
    }

    /**
     * The label embeddings' gradients, {@code h^T sum(dz)} over the image for each stack, into the
     * gradient table; returns the error of the label itself, {@code [N, classes]}.
     */
    private INDArray labelGradients(INDArray label, INDArray dvz, INDArray dhz) {
        INDArray dvSum = dvz.sum(2, 3);
        INDArray dhSum = dhz.sum(2, 3);
        gradTable
                .get(GatedPixelCnnLayer.LABEL_VERTICAL)
                .assign(label.transpose().mmul(dvSum));
        gradTable
                .get(GatedPixelCnnLayer.LABEL_HORIZONTAL)
                .assign(label.transpose().mmul(dhSum));
        return dvSum.mmul(param(GatedPixelCnnLayer.LABEL_VERTICAL).transpose())
                .addi(dhSum.mmul(param(GatedPixelCnnLayer.LABEL_HORIZONTAL).transpose()));
    }

    /** {@code x} itself when it is a whole c-ordered array, else a c-ordered copy: what {@link GatePlanes} reads. */
    private static INDArray whole(INDArray x) {
        return x.isView() || x.offset() != 0 || x.ordering() != 'c' ? x.dup('c') : x;
    }

    private INDArray verticalKernel() {
        INDArray w = param(GatedPixelCnnLayer.VERTICAL);
        if (!layer.isFirst()) {
            return w;
        }
        masks(w.dataType());
        return maskedVertical.assign(w).muli(verticalMask);
    }

    private INDArray horizontalKernel() {
        INDArray w = param(GatedPixelCnnLayer.HORIZONTAL);
        if (!layer.isFirst()) {
            return w;
        }
        masks(w.dataType());
        return maskedHorizontal.assign(w).muli(horizontalMask);
    }

    private void masks(DataType type) {
        if (verticalMask == null || verticalMask.dataType() != type) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                verticalMask = layer.verticalMask().castTo(type);
                horizontalMask = layer.horizontalMask().castTo(type);
                maskedVertical = Nd4j.createUninitialized(type, verticalMask.shape(), 'c');
                maskedHorizontal = Nd4j.createUninitialized(type, horizontalMask.shape(), 'c');
            }
        }
    }

    private INDArray verticalInterior(INDArray vPad) {
        return vPad.get(all(), all(), interval(up, vPad.size(2)), interval(half, vPad.size(3) - half));
    }

    private INDArray horizontalInterior(INDArray hPad) {
        return hPad.get(all(), all(), all(), interval(up, hPad.size(3)));
    }

    private static INDArray channels(INDArray x, long from, long to) {
        return x.get(all(), interval(from, to), all(), all());
    }

    private INDArray param(String name) {
        return paramTable.get(name);
    }

    private INDArray bias(String name) {
        INDArray b = paramTable.get(name);
        return b.reshape(b.length());
    }

    private long[] shape(long channels) {
        return new long[] {input.size(0), channels, input.size(2), input.size(3)};
    }

    @Override
    public void clearNoiseWeightParams() {
        kept = null;
    }

    @Override
    public void clear() {
        super.clear();
        kept = null;
    }
}
