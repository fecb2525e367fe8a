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
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime of {@link DiagonalBiLstm}, the same steps as its graph form (drawn there) on
 * libnd4j ops and Java passes, gradients written out by hand: the 1x1 input-to-state convolution,
 * its right-to-left half mirrored, both halves skewed and interleaved gate by gate into the layout
 * of {@link ConvLstmScan} ({@link SkewedGates}), which runs the W + H - 1 skewed columns with the
 * block-diagonal 2 x 1 state kernel, then unskewed, the right-to-left half mirrored back and
 * shifted down one row, and added. The states' unskew (and its adjoint, the errors' skew) is the
 * graph form's: each row padded to W + H and the map read back in rows of W + H - 1 (copies of
 * whole maps, a handful of ops per pass); the gates' skew puts each value where that reshape
 * would. The tests compare every output and gradient with the graph form.
 *
 * <p>It extends DL4J's runtime {@code SameDiffLayer} only for its parameter and gradient
 * bookkeeping, so checkpoints and the updater see the same layout as the graph form.
 *
 * <p>Thread: one training or inference thread at a time, like every DL4J layer.
 */
final class DiagonalBiLstmRuntime extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {

    /** What a training pass keeps for backprop. */
    private record Kept(INDArray input, ConvLstmScan.Pass pass) {}

    private final DiagonalBiLstm layer;
    private final SkewedGates inputToState = new SkewedGates();
    private final ConvLstmScan columns = new ConvLstmScan(2, 1, 0);
    /** The block-diagonal state kernel {@code [2, 2h, 4, 2, h]}, zero off the blocks; outside workspaces. */
    private INDArray blocks;

    private Kept kept;

    private DiagonalBiLstmRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        layer = (DiagonalBiLstm) conf.getLayer();
    }

    static org.deeplearning4j.nn.api.Layer instantiate(
            DiagonalBiLstm layer,
            NeuralNetConfiguration conf,
            int index,
            INDArray paramsView,
            boolean initializeParams,
            DataType dataType) {
        return ImageLayer.wire(
                new DiagonalBiLstmRuntime(conf, dataType), layer, conf, index, paramsView, initializeParams);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        ConvLstmScan.Pass pass = forward(workspaceMgr, training ? ArrayType.ACTIVATIONS : ArrayType.FF_WORKING_MEM);
        kept = training ? new Kept(input, pass) : null;
        ArrayType scratch = ArrayType.FF_WORKING_MEM;
        long h = layer.getHidden();
        long rows = input.size(2);
        INDArray states = create(workspaceMgr, scratch, input.size(0), 2 * h, rows, skewedWidth());
        states.assign(columns.output(pass).permute(1, 2, 3, 0));
        INDArray both = unskew(workspaceMgr, scratch, states);
        INDArray out = create(workspaceMgr, ArrayType.ACTIVATIONS, input.size(0), h, rows, input.size(3));
        out.assign(unskewed(both, 0, h));
        INDArray fromRight = reverse(workspaceMgr, scratch, unskewed(both, h, 2 * h));
        if (layer.isShiftReverse()) {
            along(out, 2, 1, rows).addi(along(fromRight, 2, 0, rows - 1));
        } else {
            out.addi(fromRight);
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Kept k = kept;
        kept = null;
        ConvLstmScan.Pass pass = k != null && k.input == input && !k.pass.act().wasClosed()
                ? k.pass
                : forward(workspaceMgr, ArrayType.BP_WORKING_MEM);
        ArrayType bp = ArrayType.BP_WORKING_MEM;
        long n = input.size(0);
        long h = layer.getHidden();
        long rows = input.size(2);
        long cols = input.size(3);
        long width = skewedWidth();
        // the error of [fromLeft; fromRight] before mirroring, shifting and adding, unskewed
        INDArray gradBoth = create(workspaceMgr, bp, n, 2 * h, rows, cols);
        channels(gradBoth, 0, h).assign(epsilon);
        INDArray gradRight = workspaceMgr.create(bp, epsilon.dataType(), epsilon.shape(), 'c');
        if (layer.isShiftReverse()) {
            along(gradRight, 2, 0, rows - 1).assign(along(epsilon, 2, 1, rows));
        } else {
            gradRight.assign(epsilon);
        }
        channels(gradBoth, h, 2 * h).assign(reverse(workspaceMgr, bp, gradRight));
        INDArray gradSkewed = skew(workspaceMgr, bp, gradBoth).reshape(n, 2 * h, rows, width);
        INDArray gradStates = create(workspaceMgr, bp, width, n, 2 * h, rows);
        gradStates.assign(gradSkewed.permute(3, 0, 1, 2));
        INDArray gradBlocks = workspaceMgr.createUninitialized(bp, epsilon.dataType(), new long[] {1, 2, 2 * h, 8 * h});
        INDArray gradGates = columns.backward(pass, stateKernel(), gradStates, gradBlocks, workspaceMgr);
        INDArray gradIn = create(workspaceMgr, ArrayType.ACTIVATION_GRAD, input.shape());
        inputToState.backward(
                input,
                param(DiagonalBiLstm.INPUT_TO_STATE),
                gradGates,
                gradIn,
                gradTable.get(DiagonalBiLstm.INPUT_TO_STATE),
                gradTable.get(DiagonalBiLstm.BIAS).reshape(8 * h));
        INDArray g5 = gradBlocks.reshape(2, 2 * h, 4, 2, h);
        gradTable.get(DiagonalBiLstm.STATE_TO_STATE_LR).reshape(2, h, 4, h).assign(block(g5, 0, h));
        gradTable.get(DiagonalBiLstm.STATE_TO_STATE_RL).reshape(2, h, 4, h).assign(block(g5, 1, h));
        Gradient g = new DefaultGradient(gradients);
        for (String name : paramTable.keySet()) {
            g.gradientForVariable().put(name, gradTable.get(name));
        }
        return new Pair<>(g, gradIn);
    }

    /** Input-to-state gates, mirrored, skewed and interleaved into the scan's layout; then the scan. */
    private ConvLstmScan.Pass forward(LayerWorkspaceMgr mgr, ArrayType type) {
        ArrayType scratch = ConvLstmScan.scratch(type);
        long n = input.size(0);
        long h = layer.getHidden();
        long rows = input.size(2);
        long width = skewedWidth();
        // gates interleaved per gate, [i_lr i_rl f_lr f_rl ...], to match the stacked state [h_lr; h_rl]
        INDArray gates = create(mgr, scratch, width, n, 8 * h, 1, rows);
        inputToState.forward(input, param(DiagonalBiLstm.INPUT_TO_STATE), bias(), gates);
        return columns.forward(gates, stateKernel(), mgr, type);
    }

    /** {@code [N, C, H, W]} to {@code [N, C, H * (W + H - 1)]}, row r starting at column r (flat). */
    private INDArray skew(LayerWorkspaceMgr mgr, ArrayType type, INDArray x) {
        long rows = x.size(2);
        long cols = x.size(3);
        INDArray padded = mgr.create(type, x.dataType(), new long[] {x.size(0), x.size(1), rows, cols + rows}, 'c');
        along(padded, 3, 0, cols).assign(x);
        INDArray flat = padded.reshape(x.size(0), x.size(1), rows * (cols + rows));
        INDArray out = create(mgr, type, x.size(0), x.size(1), rows * (cols + rows - 1));
        return out.assign(along(flat, 2, 0, rows * (cols + rows - 1)));
    }

    /**
     * The inverse of {@link #skew}, {@code [N, C, H, W + H - 1]} to {@code [N, C, H, W + H]} whose
     * first W columns are the unskewed map: read it with {@link #unskewed}.
     */
    private INDArray unskew(LayerWorkspaceMgr mgr, ArrayType type, INDArray x) {
        long rows = x.size(2);
        long width = x.size(3);
        INDArray padded = mgr.create(type, x.dataType(), new long[] {x.size(0), x.size(1), rows * (width + 1)}, 'c');
        along(padded, 2, 0, rows * width).assign(x.reshape(x.size(0), x.size(1), rows * width));
        return padded.reshape(x.size(0), x.size(1), rows, width + 1);
    }

    /**
     * Channels {@code from .. to} of an {@link #unskew} result, its first W columns: one view of
     * the whole array (ND4J 1.0.0-M2.1 can return a rank-0 array for a view of a view here).
     */
    private INDArray unskewed(INDArray unskew, long from, long to) {
        return unskew.get(all(), interval(from, to), all(), interval(0, input.size(3)));
    }

    /** {@code x} mirrored left to right, in a new array ({@link Mirror}, not libnd4j's leaking reverse op). */
    private static INDArray reverse(LayerWorkspaceMgr mgr, ArrayType type, INDArray x) {
        INDArray source = x.isView() || x.ordering() != 'c' ? mgr.dup(type, x, 'c') : x;
        INDArray out = mgr.createUninitialized(type, x.dataType(), x.shape(), 'c');
        Mirror.lastAxis(source, out);
        return out;
    }

    /** The block-diagonal state kernel {@code [1, 2, 2h, 8h]} ({@code DiagonalBiLstm.blockDiagonal}). */
    private INDArray stateKernel() {
        long h = layer.getHidden();
        INDArray lr = param(DiagonalBiLstm.STATE_TO_STATE_LR);
        if (blocks == null || blocks.dataType() != lr.dataType()) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                blocks = Nd4j.zeros(lr.dataType(), 2, 2 * h, 4, 2, h);
            }
        }
        block(blocks, 0, h).assign(lr.reshape(2, h, 4, h));
        block(blocks, 1, h).assign(param(DiagonalBiLstm.STATE_TO_STATE_RL).reshape(2, h, 4, h));
        return blocks.reshape(1, 2, 2 * h, 8 * h);
    }

    /** Direction {@code d}'s block {@code [2, h, 4, h]} of a block-diagonal kernel {@code [2, 2h, 4, 2, h]}. */
    private static INDArray block(INDArray blocks, int d, long h) {
        return blocks.get(all(), interval(d * h, (d + 1) * h), all(), point(d), all());
    }

    private long skewedWidth() {
        return input.size(3) + input.size(2) - 1;
    }

    private INDArray param(String name) {
        return paramTable.get(name);
    }

    private INDArray bias() {
        INDArray b = paramTable.get(DiagonalBiLstm.BIAS);
        return b.reshape(b.length());
    }

    private INDArray create(LayerWorkspaceMgr mgr, ArrayType type, long... shape) {
        return mgr.createUninitialized(type, input.dataType(), shape, 'c');
    }

    private static INDArray channels(INDArray x, long from, long to) {
        return along(x, 1, from, to);
    }

    /** Positions {@code from .. to} of axis {@code axis}, all of the others (a view). */
    private static INDArray along(INDArray x, int axis, long from, long to) {
        var idx = new org.nd4j.linalg.indexing.INDArrayIndex[x.rank()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i == axis ? interval(from, to) : all();
        }
        return x.get(idx);
    }

    /**
     * For tests: split every batch's passes into {@code parts} slices whatever the machine's thread
     * count (the tests run with one OpenMP thread, which would leave one slice).
     */
    void sliceInto(int parts) {
        inputToState.sliceInto(parts);
        columns.sliceInto(parts);
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
