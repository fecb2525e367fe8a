package org.pixelscope.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.nd4j.linalg.indexing.INDArrayIndex;
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
 * label channels get that error at (0, 0) and 0 elsewhere. Forward results a training pass keeps
 * for backprop live in the activations workspace; when they are not available (another input, a
 * closed workspace) backprop recomputes them.
 *
 * <p>Speed: each pass allocates its arrays on the calling thread, then runs as slices of the batch
 * side by side ({@link BatchParts}), each slice's ops on one OpenMP thread; the weight gradients of
 * the slices after the first go to scratch arrays and are added up once all are done. Element-wise
 * steps across channel blocks are single Java passes ({@link GatePlanes}).
 *
 * <p>Thread: one training or inference thread at a time, like every DL4J layer; the slices run on
 * pool threads while that thread waits.
 */
final class GatedPixelCnnRuntime extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {

    /** What the forward pass computed, as backprop needs it. */
    private record Forward(
            INDArray input,
            INDArray vPad,
            INDArray hPad,
            INDArray vz,
            INDArray hz,
            INDArray fromV,
            INDArray vTanh,
            INDArray vSigmoid,
            INDArray hTanh,
            INDArray hSigmoid,
            INDArray hGate,
            INDArray label,
            INDArray labelV,
            INDArray labelH) {}

    /** Parameters whose gradients the slices compute (the label embeddings' are computed whole). */
    private static final String[] SLICED = {
        GatedPixelCnnLayer.VERTICAL,
        GatedPixelCnnLayer.HORIZONTAL,
        GatedPixelCnnLayer.VERTICAL_TO_HORIZONTAL,
        GatedPixelCnnLayer.OUT,
        "bv",
        "bh",
        "bo"
    };

    /** One slice's own ops, gate arithmetic and (after the first slice) weight-gradient scratch. */
    private static final class Slice {
        final ConvOps vertical;
        final ConvOps horizontal;
        final ConvOps pointwise = new ConvOps(1, 1, false);
        final GatePlanes planes = new GatePlanes();
        final Map<String, INDArray> scratch = new HashMap<>();

        Slice(int up, int k) {
            vertical = new ConvOps(up + 1, k, false);
            horizontal = new ConvOps(1, up + 1, false);
        }
    }

    private final GatedPixelCnnLayer layer;
    private final int up;
    private final int half;
    private final List<Slice> slices = new ArrayList<>();
    private INDArray verticalMask;
    private INDArray horizontalMask;
    private INDArray maskedVertical;
    private INDArray maskedHorizontal;
    private Forward kept;
    /** Slices per batch when set by a test ({@link #sliceInto}); 0: as many as {@link BatchParts#count}. */
    private int forcedParts;

    private GatedPixelCnnRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        layer = (GatedPixelCnnLayer) conf.getLayer();
        int k = layer.getKernel();
        half = k / 2;
        up = half + 1 + (layer.isFirst() ? 1 : 0) - 1;
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
        Forward fw = allocate(workspaceMgr, training ? ArrayType.ACTIVATIONS : ArrayType.FF_WORKING_MEM);
        kept = training ? fw : null;
        long f = layer.getFilters();
        INDArray hOut = workspaceMgr.createUninitialized(
                layer.isLast() ? ArrayType.ACTIVATIONS : ArrayType.FF_WORKING_MEM, input.dataType(), shape(f), 'c');
        INDArray out = layer.isLast()
                ? hOut
                : workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), shape(2 * f), 'c');
        INDArray residual = layer.isFirst() ? null : whole(input);
        INDArray wv = verticalKernel();
        INDArray wh = horizontalKernel();
        INDArray wo = param(GatedPixelCnnLayer.OUT);
        INDArray bo = bias("bo");
        runSlices((slice, from, to) -> {
            forward(slice, fw, wv, wh, from, to);
            // H' = 1x1(gate(hz)) + bo (+ H), V' = gate(vz)
            slice.pointwise.forward(rows(fw.hGate, from, to), wo, bo, rows(hOut, from, to));
            if (layer.isLast()) {
                if (residual != null) {
                    slice.planes.addBlock(hOut, 0, f, residual, f, residual.size(1), f, from, to);
                }
            } else {
                slice.planes.stacks(out, fw.vTanh, fw.vSigmoid, hOut, residual, f, from, to);
            }
        });
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Forward fw = kept;
        kept = null;
        INDArray wv = verticalKernel();
        INDArray wh = horizontalKernel();
        if (fw == null || fw.input != input || fw.vz.wasClosed()) {
            Forward again = allocate(workspaceMgr, ArrayType.BP_WORKING_MEM);
            runSlices((slice, from, to) -> forward(slice, again, wv, wh, from, to));
            fw = again;
        }
        Forward k = fw;
        long f = layer.getFilters();
        DataType type = input.dataType();
        INDArray eps = whole(epsilon);
        INDArray epsH =
                layer.isLast() ? eps : workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, type, shape(f), 'c');
        INDArray dGate = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, type, shape(f), 'c');
        INDArray dhz = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, type, shape(2 * f), 'c');
        INDArray dvz = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, type, shape(2 * f), 'c');
        INDArray dhPad = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, type, k.hPad.shape(), 'c');
        INDArray dvPad = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, type, k.vPad.shape(), 'c');
        INDArray dIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, type, input.shape(), 'c');
        long stacks = input.size(1) - layer.getClasses();
        for (int p = 1; p < slices(); p++) {
            scratch(slices.get(p));
        }
        runSlices((slice, from, to) -> {
            Map<String, INDArray> grads = slice == slices.get(0) ? gradTable : slice.scratch;
            INDArray eH = rows(epsH, from, to);
            if (!layer.isLast()) {
                eH.assign(channels(rows(eps, from, to), f, 2 * f));
            }
            // H' = 1x1(gate(hz)) + bo (+ H)
            slice.pointwise.backward(
                    rows(k.hGate, from, to),
                    param(GatedPixelCnnLayer.OUT),
                    bias("bo"),
                    eH,
                    rows(dGate, from, to),
                    grads.get(GatedPixelCnnLayer.OUT),
                    grads.get("bo").reshape(f));
            slice.planes.gateGradient(dhz, dGate, 0, f, k.hTanh, k.hSigmoid, f, false, from, to);
            // hz = conv_h(H) + bh + 1x1(vz)
            slice.pointwise.backward(
                    rows(k.vz, from, to),
                    param(GatedPixelCnnLayer.VERTICAL_TO_HORIZONTAL),
                    null,
                    rows(dhz, from, to),
                    rows(dvz, from, to),
                    grads.get(GatedPixelCnnLayer.VERTICAL_TO_HORIZONTAL),
                    null);
            slice.horizontal.backward(
                    rows(k.hPad, from, to),
                    wh,
                    bias("bh"),
                    rows(dhz, from, to),
                    rows(dhPad, from, to),
                    grads.get(GatedPixelCnnLayer.HORIZONTAL),
                    grads.get("bh").reshape(2 * f));
            // V' = gate(vz), vz = conv_v(V) + bv
            if (!layer.isLast()) {
                slice.planes.gateGradient(dvz, eps, 0, eps.size(1), k.vTanh, k.vSigmoid, f, true, from, to);
            }
            slice.vertical.backward(
                    rows(k.vPad, from, to),
                    wv,
                    bias("bv"),
                    rows(dvz, from, to),
                    rows(dvPad, from, to),
                    grads.get(GatedPixelCnnLayer.VERTICAL),
                    grads.get("bv").reshape(2 * f));
            INDArray d = rows(dIn, from, to);
            if (layer.isFirst()) {
                channels(d, 0, stacks)
                        .assign(verticalInterior(rows(dvPad, from, to)))
                        .addi(horizontalInterior(rows(dhPad, from, to)));
            } else {
                channels(d, 0, f).assign(verticalInterior(rows(dvPad, from, to)));
                channels(d, f, 2 * f).assign(horizontalInterior(rows(dhPad, from, to)));
                slice.planes.addBlock(dIn, f, dIn.size(1), epsH, 0, f, f, from, to);
            }
        });
        for (int p = 1; p < parts(); p++) {
            for (String name : SLICED) {
                gradTable.get(name).addi(slices.get(p).scratch.get(name));
            }
        }
        if (layer.isFirst()) {
            gradTable.get(GatedPixelCnnLayer.VERTICAL).muli(verticalMask);
            gradTable.get(GatedPixelCnnLayer.HORIZONTAL).muli(horizontalMask);
        }
        if (k.label != null) {
            INDArray dLabel = labelGradients(k.label, dvz, dhz);
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

    /** The forward pass's arrays, of {@code type}, and the label's contributions to the gates (computed whole). */
    private Forward allocate(LayerWorkspaceMgr mgr, ArrayType type) {
        long f = layer.getFilters();
        long n = input.size(0);
        long stacks = input.size(1) - layer.getClasses();
        long cIn = layer.isFirst() ? stacks : f;
        long h = input.size(2);
        long w = input.size(3);
        DataType dt = input.dataType();
        INDArray vPad = mgr.create(type, dt, new long[] {n, cIn, h + up, w + 2L * half}, 'c');
        INDArray hPad = mgr.create(type, dt, new long[] {n, cIn, h, w + up}, 'c');
        INDArray label = null;
        INDArray labelV = null;
        INDArray labelH = null;
        if (layer.getClasses() > 0) {
            label = mgr.dup(type, input.get(all(), interval(stacks, input.size(1)), point(0), point(0)));
            labelV = mgr.createUninitialized(type, dt, new long[] {n, 2 * f}, 'c');
            labelH = mgr.createUninitialized(type, dt, new long[] {n, 2 * f}, 'c');
            label.mmuli(param(GatedPixelCnnLayer.LABEL_VERTICAL), labelV);
            label.mmuli(param(GatedPixelCnnLayer.LABEL_HORIZONTAL), labelH);
        }
        return new Forward(
                input,
                vPad,
                hPad,
                mgr.createUninitialized(type, dt, shape(2 * f), 'c'),
                mgr.createUninitialized(type, dt, shape(2 * f), 'c'),
                mgr.createUninitialized(type, dt, shape(2 * f), 'c'),
                layer.isLast() ? null : mgr.createUninitialized(type, dt, shape(f), 'c'),
                layer.isLast() ? null : mgr.createUninitialized(type, dt, shape(f), 'c'),
                mgr.createUninitialized(type, dt, shape(f), 'c'),
                mgr.createUninitialized(type, dt, shape(f), 'c'),
                mgr.createUninitialized(type, dt, shape(f), 'c'),
                label,
                labelV,
                labelH);
    }

    /** Everything up to the gates for images {@code [from, to)}, into {@code fw}'s arrays. */
    private void forward(Slice slice, Forward fw, INDArray wv, INDArray wh, long from, long to) {
        long f = layer.getFilters();
        long stacks = input.size(1) - layer.getClasses();
        INDArray in = rows(input, from, to);
        INDArray vIn = layer.isFirst() ? channels(in, 0, stacks) : channels(in, 0, f);
        INDArray hIn = layer.isFirst() ? channels(in, 0, stacks) : channels(in, f, 2 * f);
        INDArray vPad = rows(fw.vPad, from, to);
        INDArray hPad = rows(fw.hPad, from, to);
        verticalInterior(vPad).assign(vIn);
        horizontalInterior(hPad).assign(hIn);
        INDArray vz = rows(fw.vz, from, to);
        INDArray hz = rows(fw.hz, from, to);
        slice.vertical.forward(vPad, wv, bias("bv"), vz);
        slice.horizontal.forward(hPad, wh, bias("bh"), hz);
        if (fw.label != null) {
            vz.addi(rows(fw.labelV, from, to).reshape(to - from, 2 * f, 1, 1));
            hz.addi(rows(fw.labelH, from, to).reshape(to - from, 2 * f, 1, 1));
        }
        INDArray fromV = rows(fw.fromV, from, to);
        slice.pointwise.forward(vz, param(GatedPixelCnnLayer.VERTICAL_TO_HORIZONTAL), null, fromV);
        hz.addi(fromV);
        gate(hz, rows(fw.hTanh, from, to), rows(fw.hSigmoid, from, to), f);
        Nd4j.exec(new MulOp(rows(fw.hTanh, from, to), rows(fw.hSigmoid, from, to), rows(fw.hGate, from, to)));
        if (!layer.isLast()) {
            gate(vz, rows(fw.vTanh, from, to), rows(fw.vSigmoid, from, to), f);
        }
    }

    /** {@code t = tanh(z[:f])}, {@code s = sigmoid(z[f:])}. */
    private static void gate(INDArray z, INDArray t, INDArray s, long f) {
        Transforms.tanh(t.assign(channels(z, 0, f)), false);
        Transforms.sigmoid(s.assign(channels(z, f, 2 * f)), false);
    }

    /** Runs {@code work} over the batch's slices, each with its own {@link Slice}. */
    private void runSlices(SliceWork work) {
        BatchParts.run(input.size(0), slices(), (p, from, to) -> work.run(slices.get(p), from, to));
    }

    /** How many slices this batch runs as; makes any {@link Slice} not yet made. */
    private int slices() {
        int parts = parts();
        while (slices.size() < parts) {
            slices.add(new Slice(up, layer.getKernel()));
        }
        return parts;
    }

    private int parts() {
        long n = input.size(0);
        return forcedParts > 0 ? (int) Math.min(forcedParts, n) : BatchParts.count(n);
    }

    /**
     * For tests: split every batch into {@code parts} slices whatever the machine's thread count
     * (the tests run with one OpenMP thread, which would leave a single slice).
     */
    void sliceInto(int parts) {
        forcedParts = parts;
    }

    /** A slice's own gradient arrays, shaped like the gradient table's, outside workspaces. */
    private void scratch(Slice slice) {
        for (String name : SLICED) {
            INDArray g = gradTable.get(name);
            INDArray s = slice.scratch.get(name);
            if (s == null || s.dataType() != g.dataType()) {
                try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    slice.scratch.put(name, Nd4j.createUninitialized(g.dataType(), g.shape(), 'c'));
                }
            }
        }
    }

    private interface SliceWork {
        void run(Slice slice, long from, long to);
    }

    /** {@code x} itself when it is a whole c-ordered array, else a c-ordered copy: what {@link GatePlanes} reads. */
    private static INDArray whole(INDArray x) {
        return x.isView() || x.offset() != 0 || x.ordering() != 'c' ? x.dup('c') : x;
    }

    /** Images {@code [from, to)} of {@code x} (any rank): a contiguous view of a c-ordered array. */
    private static INDArray rows(INDArray x, long from, long to) {
        INDArrayIndex[] index = new INDArrayIndex[x.rank()];
        index[0] = interval(from, to);
        for (int d = 1; d < index.length; d++) {
            index[d] = all();
        }
        return x.get(index);
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
