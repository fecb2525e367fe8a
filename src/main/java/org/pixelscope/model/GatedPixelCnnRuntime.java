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

/**
 * The runtime of {@link GatedPixelCnnLayer}: the layer's equations (drawn there) and their
 * gradients written out by hand as matrix products on {@link Frame} arrays (one row per image
 * position, channels last), with no per-step SameDiff graph.
 *
 * <p>Layout: each stack's input is expanded into frame rows ({@link TapConv#expand}; frames of
 * {@code up} rows above, {@code up} columns left and {@code k/2} right, the vertical stack's image
 * {@code up} rows down and {@code up} columns right, the horizontal stack's {@code up} columns
 * right), so that output (r, c) reads rows r-up..r and columns c-k/2..c+k/2 of V, and columns
 * c-up..c of H, as in the graph form. Each convolution is one product per kernel row
 * ({@link TapConv}), a 1 x 1 convolution is one product, biases are a product with a column of
 * ones. The first layer's kernels are multiplied by their masks in the forward pass and their
 * gradients by the same masks. A conditional layer reads the one-hot label at position (0, 0) of
 * its label channels and adds {@code Lv^T h} to {@code v_z} and {@code Lh^T h} to {@code h_z} as a
 * per-image bias; their gradients are the label times the gate gradients summed over the image,
 * and the label channels get that error at (0, 0) and 0 elsewhere. Frame positions outside the
 * picture get values that are never copied out, and zero error in backprop. Forward results a
 * training pass keeps for backprop live in the activations workspace; when they are not available
 * (another input, a closed workspace) backprop recomputes them.
 *
 * <p>Speed: on 28 x 28 images the gated layer's convolutions are small, and libnd4j's conv2d spent
 * most of their time converting to oneDNN's blocked layout and back ({@link TapConv}). Each pass
 * allocates its arrays on the calling thread, then runs as slices of the batch side by side
 * ({@link BatchParts}), each slice on one OpenMP thread; the weight gradients of the slices after
 * the first go to scratch arrays and are added up once all are done. Copies between layouts, the gates
 * (tanh and sigmoid, {@link GateMath}) and their gradient are Java passes ({@link FramePlanes}).
 *
 * <p>Thread: one training or inference thread at a time, like every DL4J layer; the slices run on
 * pool threads while that thread waits.
 */
final class GatedPixelCnnRuntime extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {

    /** What the forward pass computed, as backprop needs it; arrays {@code [rows, channels]} of {@link #frame}. */
    private record Forward(
            INDArray input,
            INDArray vX,
            INDArray hX,
            INDArray vz,
            INDArray hz,
            INDArray vTanh,
            INDArray vSigmoid,
            INDArray hTanh,
            INDArray hSigmoid,
            INDArray hGate,
            INDArray label,
            INDArray biasV,
            INDArray biasH) {}

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

    /** One slice's convolutions and passes for the current image size, and its weight gradients ({@link GatedWeights}' shapes). */
    private static final class Slice {
        final TapConv vertical;
        final TapConv horizontal;
        final FramePlanes planes;
        final Map<String, INDArray> scratch = new HashMap<>();

        Slice(Frame frame, int up, int k, int cIn) {
            vertical = new TapConv(frame, up + 1, k, up - k / 2, cIn);
            horizontal = new TapConv(frame, 1, up + 1, 0, cIn);
            planes = new FramePlanes(frame);
        }
    }

    private final GatedPixelCnnLayer layer;
    private final int up;
    private final List<Slice> slices = new ArrayList<>();
    private Frame frame;
    private INDArray ones;
    private final GatedWeights.Masks masks;
    private Forward kept;
    /** Slices per batch when set by a test ({@link #sliceInto}); 0: as many as {@link BatchParts#count}. */
    private int forcedParts;

    private GatedPixelCnnRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        layer = (GatedPixelCnnLayer) conf.getLayer();
        up = layer.getKernel() / 2 + (layer.isFirst() ? 1 : 0);
        masks = new GatedWeights.Masks(layer);
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
        DataType type = input.dataType();
        INDArray hOut = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, type, frameShape(f), 'c');
        INDArray out = workspaceMgr.createUninitialized(
                ArrayType.ACTIVATIONS, type, imageShape(layer.isLast() ? f : 2 * f), 'c');
        INDArray residual = layer.isFirst() ? null : LineBuffers.whole(input);
        GatedWeights w = masks.copy(paramTable, workspaceMgr, ArrayType.FF_WORKING_MEM);
        runSlices((slice, from, to) -> {
            forward(slice, fw, w, from, to);
            // H' = 1x1(gate(hz)) + bo (+ H), V' = gate(vz)
            INDArray h = rows(hOut, from, to);
            Nd4j.gemm(ones(from, to), w.bo(), h, false, false, 1.0, 0.0);
            Nd4j.gemm(rows(fw.hGate, from, to), w.o(), h, false, false, 1.0, 1.0);
            slice.planes.stacks(out, fw.vTanh, fw.vSigmoid, hOut, residual, from, to);
        });
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Forward fw = kept;
        kept = null;
        GatedWeights w = masks.copy(paramTable, workspaceMgr, ArrayType.BP_WORKING_MEM);
        if (fw == null || fw.input != input || fw.vz.wasClosed()) {
            Forward again = allocate(workspaceMgr, ArrayType.BP_WORKING_MEM);
            runSlices((slice, from, to) -> forward(slice, again, w, from, to));
            fw = again;
        }
        Forward k = fw;
        long f = layer.getFilters();
        DataType type = input.dataType();
        INDArray eps = LineBuffers.whole(epsilon);
        INDArray epsH = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, type, frameShape(f), 'c');
        INDArray epsV = layer.isLast()
                ? null
                : workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, type, frameShape(f), 'c');
        INDArray dGate = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, type, frameShape(f), 'c');
        INDArray dhz = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, type, frameShape(2 * f), 'c');
        INDArray dvz = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, type, frameShape(2 * f), 'c');
        slices();
        Slice first = slices.get(0);
        INDArray dhX =
                workspaceMgr.create(ArrayType.BP_WORKING_MEM, type, frameShape(first.horizontal.errorWidth()), 'c');
        INDArray dvX =
                workspaceMgr.create(ArrayType.BP_WORKING_MEM, type, frameShape(first.vertical.errorWidth()), 'c');
        INDArray dIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, type, input.shape(), 'c');
        long stacks = input.size(1) - layer.getClasses();
        for (int p = 0; p < slices(); p++) {
            scratch(slices.get(p));
        }
        runSlices((slice, from, to) -> {
            Map<String, INDArray> grads = slice.scratch;
            INDArray one = ones(from, to);
            long hFrom = layer.isLast() ? 0 : f;
            slice.planes.pack(eps, hFrom, epsH, from, to);
            // H' = 1x1(gate(hz)) + bo (+ H)
            INDArray eH = rows(epsH, from, to);
            Nd4j.gemm(eH, w.o(), rows(dGate, from, to), false, true, 1.0, 0.0);
            Nd4j.gemm(rows(k.hGate, from, to), eH, grads.get(GatedPixelCnnLayer.OUT), true, false, 1.0, 0.0);
            Nd4j.gemm(one, eH, grads.get("bo"), true, false, 1.0, 0.0);
            slice.planes.gateGradient(dhz, dGate, k.hTanh, k.hSigmoid, false, from, to);
            // hz = conv_h(H) + bh + 1x1(vz)
            INDArray dh = rows(dhz, from, to);
            Nd4j.gemm(dh, w.vh(), rows(dvz, from, to), false, true, 1.0, 0.0);
            Nd4j.gemm(
                    rows(k.vz, from, to),
                    dh,
                    grads.get(GatedPixelCnnLayer.VERTICAL_TO_HORIZONTAL),
                    true,
                    false,
                    1.0,
                    0.0);
            Nd4j.gemm(one, dh, grads.get("bh"), true, false, 1.0, 0.0);
            slice.horizontal.backward(k.hX, w.h(), dhz, dhX, grads.get(GatedPixelCnnLayer.HORIZONTAL), from, to);
            // V' = gate(vz), vz = conv_v(V) + bv
            if (!layer.isLast()) {
                slice.planes.pack(eps, 0, epsV, from, to);
                slice.planes.gateGradient(dvz, epsV, k.vTanh, k.vSigmoid, true, from, to);
            }
            Nd4j.gemm(one, rows(dvz, from, to), grads.get("bv"), true, false, 1.0, 0.0);
            slice.vertical.backward(k.vX, w.v(), dvz, dvX, grads.get(GatedPixelCnnLayer.VERTICAL), from, to);
            slice.vertical.fold(dvX, up, up, dIn, 0, false, null, 0, from, to);
            if (layer.isFirst()) {
                slice.horizontal.fold(dhX, 0, up, dIn, 0, true, null, 0, from, to);
            } else {
                slice.horizontal.fold(dhX, 0, up, dIn, f, false, eps, hFrom, from, to);
            }
        });
        for (String name : SLICED) {
            INDArray sum = slices.get(0).scratch.get(name);
            for (int p = 1; p < parts(); p++) {
                sum.addi(slices.get(p).scratch.get(name));
            }
            INDArray g = gradTable.get(name);
            g.assign(sum.reshape('c', g.shape()));
        }
        masks.maskGradients(gradTable);
        if (k.label != null) {
            INDArray dLabel = labelGradients(k.label, dvz, dhz);
            INDArray labelChannels = dIn.get(all(), interval(stacks, input.size(1)), all(), all());
            labelChannels.assign(0);
            labelChannels.get(all(), all(), point(0), point(0)).assign(dLabel);
        }
        Gradient g = new DefaultGradient(gradients);
        for (String name : paramTable.keySet()) {
            g.gradientForVariable().put(name, gradTable.get(name));
        }
        return new Pair<>(g, dIn);
    }

    /** The forward pass's arrays, of {@code type}, and the per-image biases with the label's contributions (computed whole). */
    private Forward allocate(LayerWorkspaceMgr mgr, ArrayType type) {
        long f = layer.getFilters();
        long n = input.size(0);
        long stacks = input.size(1) - layer.getClasses();
        long cIn = layer.isFirst() ? stacks : f;
        DataType dt = input.dataType();
        frame(dt);
        INDArray label = null;
        INDArray biasV = null;
        INDArray biasH = null;
        if (layer.getClasses() > 0) {
            label = mgr.dup(type, input.get(all(), interval(stacks, input.size(1)), point(0), point(0)));
            biasV = mgr.createUninitialized(type, dt, new long[] {n, 2 * f}, 'c');
            biasH = mgr.createUninitialized(type, dt, new long[] {n, 2 * f}, 'c');
            label.mmuli(param(GatedPixelCnnLayer.LABEL_VERTICAL), biasV);
            label.mmuli(param(GatedPixelCnnLayer.LABEL_HORIZONTAL), biasH);
            biasV.addiRowVector(param("bv"));
            biasH.addiRowVector(param("bh"));
        }
        Slice first = slices.isEmpty() ? slice(Math.toIntExact(cIn)) : slices.get(0);
        return new Forward(
                input,
                mgr.createUninitialized(type, dt, frameShape(first.vertical.width()), 'c'),
                mgr.createUninitialized(type, dt, frameShape(first.horizontal.width()), 'c'),
                mgr.createUninitialized(type, dt, frameShape(2 * f), 'c'),
                mgr.createUninitialized(type, dt, frameShape(2 * f), 'c'),
                layer.isLast() ? null : mgr.createUninitialized(type, dt, frameShape(f), 'c'),
                layer.isLast() ? null : mgr.createUninitialized(type, dt, frameShape(f), 'c'),
                mgr.createUninitialized(type, dt, frameShape(f), 'c'),
                mgr.createUninitialized(type, dt, frameShape(f), 'c'),
                mgr.createUninitialized(type, dt, frameShape(f), 'c'),
                label,
                biasV,
                biasH);
    }

    /** Everything up to the gates for images {@code [from, to)}, into {@code fw}'s arrays. */
    private void forward(Slice slice, Forward fw, GatedWeights w, long from, long to) {
        long f = layer.getFilters();
        slice.vertical.expand(input, 0, up, up, fw.vX, from, to);
        slice.horizontal.expand(input, layer.isFirst() ? 0 : f, 0, up, fw.hX, from, to);
        bias(slice, fw.vz, w.bv(), fw.biasV, from, to);
        slice.vertical.forward(fw.vX, w.v(), fw.vz, from, to);
        bias(slice, fw.hz, w.bh(), fw.biasH, from, to);
        slice.horizontal.forward(fw.hX, w.h(), fw.hz, from, to);
        INDArray vz = rows(fw.vz, from, to);
        INDArray hz = rows(fw.hz, from, to);
        Nd4j.gemm(vz, w.vh(), hz, false, false, 1.0, 1.0);
        INDArray hTanh = rows(fw.hTanh, from, to);
        INDArray hSigmoid = rows(fw.hSigmoid, from, to);
        slice.planes.gates(fw.hz, fw.hTanh, fw.hSigmoid, from, to);
        Nd4j.exec(new MulOp(hTanh, hSigmoid, rows(fw.hGate, from, to)));
        if (!layer.isLast()) {
            slice.planes.gates(fw.vz, fw.vTanh, fw.vSigmoid, from, to);
        }
    }

    /** Rows of images {@code [from, to)} of {@code z} = the bias, or each image's row of {@code perImage} when given. */
    private void bias(Slice slice, INDArray z, INDArray b, INDArray perImage, long from, long to) {
        if (perImage == null) {
            Nd4j.gemm(ones(from, to), b, rows(z, from, to), false, false, 1.0, 0.0);
            return;
        }
        slice.planes.fillRows(z, perImage, from, to);
    }

    /** Runs {@code work} over the batch's slices, each with its own {@link Slice}. */
    private void runSlices(SliceWork work) {
        BatchParts.run(input.size(0), slices(), (p, from, to) -> work.run(slices.get(p), from, to));
    }

    /** How many slices this batch runs as; makes any {@link Slice} not yet made. */
    private int slices() {
        int parts = parts();
        while (slices.size() < parts) {
            slices.add(
                    slice(Math.toIntExact(layer.isFirst() ? input.size(1) - layer.getClasses() : layer.getFilters())));
        }
        return parts;
    }

    private Slice slice(int cIn) {
        return new Slice(frame, up, layer.getKernel(), cIn);
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

    /**
     * The frame for the input's image size (slices are remade when it changes), and a column of
     * ones as long as the batch's frame rows, outside workspaces.
     */
    private void frame(DataType type) {
        int h = Math.toIntExact(input.size(2));
        int w = Math.toIntExact(input.size(3));
        if (frame == null || frame.height() != h || frame.width() != w) {
            frame = new Frame(h, w, up, up, layer.getKernel() / 2);
            slices.clear();
        }
        long rows = frame.rows(input.size(0));
        if (ones == null || ones.dataType() != type || ones.size(0) < rows) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                ones = Nd4j.ones(type, rows, 1);
            }
        }
    }

    /** A slice's own gradient arrays, in {@link GatedWeights}' shapes, outside workspaces. */
    private void scratch(Slice slice) {
        for (String name : SLICED) {
            INDArray g = gradTable.get(name);
            INDArray s = slice.scratch.get(name);
            if (s == null || s.dataType() != g.dataType() || s.length() != g.length()) {
                try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    slice.scratch.put(name, Nd4j.createUninitialized(g.dataType(), GatedWeights.matrixShape(g), 'c'));
                }
            }
        }
    }

    private interface SliceWork {
        void run(Slice slice, long from, long to);
    }

    /** The frame rows of images {@code [from, to)} of the frame array {@code x}: a contiguous view. */
    private INDArray rows(INDArray x, long from, long to) {
        return x.get(interval(frame.rows(from), frame.rows(to)), all());
    }

    /** The column of ones for images {@code [from, to)}'s frame rows. */
    private INDArray ones(long from, long to) {
        return ones.get(interval(0, frame.rows(to - from)), all());
    }

    /**
     * The label embeddings' gradients, {@code h^T sum(dz)} over the image for each stack, into the
     * gradient table; returns the error of the label itself, {@code [N, classes]}. Frame positions
     * outside the picture have zero error, so the sums run over whole frames.
     */
    private INDArray labelGradients(INDArray label, INDArray dvz, INDArray dhz) {
        long n = input.size(0);
        INDArray dvSum = dvz.reshape('c', n, frame.perImage(), dvz.size(1)).sum(1);
        INDArray dhSum = dhz.reshape('c', n, frame.perImage(), dhz.size(1)).sum(1);
        gradTable
                .get(GatedPixelCnnLayer.LABEL_VERTICAL)
                .assign(label.transpose().mmul(dvSum));
        gradTable
                .get(GatedPixelCnnLayer.LABEL_HORIZONTAL)
                .assign(label.transpose().mmul(dhSum));
        return dvSum.mmul(param(GatedPixelCnnLayer.LABEL_VERTICAL).transpose())
                .addi(dhSum.mmul(param(GatedPixelCnnLayer.LABEL_HORIZONTAL).transpose()));
    }

    private INDArray param(String name) {
        return paramTable.get(name);
    }

    private long[] frameShape(long channels) {
        return new long[] {frame.rows(input.size(0)), channels};
    }

    private long[] imageShape(long channels) {
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
