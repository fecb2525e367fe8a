package org.pixelscope.model;

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
 * The runtime of {@link RowLstm}: the input-to-state convolution {@code conv2d(x, K_is * mask) + b}
 * over the whole map as one libnd4j op ({@link ConvOps}), then the row recurrence on
 * {@link ConvLstmScan} (rows are its steps, the state-to-state kernel its 1 x k convolution),
 * gradients written out by hand. {@link RowLstm#defineLayer} stays the reference form the tests
 * compare this with.
 *
 * <p>Masking is exact as in the graph form: the forward pass reads {@code K_is * mask}, and the
 * kernel's gradient is multiplied by the mask, so masked weights get exactly 0.
 *
 * <p>It extends DL4J's runtime {@code SameDiffLayer} only for its parameter and gradient
 * bookkeeping (views into the network's flat arrays, in the order {@link RowLstm} declares), so
 * checkpoints and the updater see the same layout as the graph form.
 *
 * <p>Thread: one training or inference thread at a time, like every DL4J layer.
 */
final class RowLstmRuntime extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {

    /** What a training pass keeps for backprop. */
    private record Kept(INDArray input, ConvLstmScan.Pass pass) {}

    private final RowLstm layer;
    private final ConvOps inputToState;
    private final ConvLstmScan rows;
    private INDArray mask;
    private INDArray maskedWeights;
    private Kept kept;

    private RowLstmRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        layer = (RowLstm) conf.getLayer();
        int k = layer.getKernel();
        inputToState = new ConvOps(1, k, true);
        rows = new ConvLstmScan(k, k / 2, k / 2);
    }

    static org.deeplearning4j.nn.api.Layer instantiate(
            RowLstm layer,
            NeuralNetConfiguration conf,
            int index,
            INDArray paramsView,
            boolean initializeParams,
            DataType dataType) {
        return ImageLayer.wire(new RowLstmRuntime(conf, dataType), layer, conf, index, paramsView, initializeParams);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        ConvLstmScan.Pass pass = forward(workspaceMgr, training ? ArrayType.ACTIVATIONS : ArrayType.FF_WORKING_MEM);
        kept = training ? new Kept(input, pass) : null;
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), shape(hidden()), 'c');
        out.permute(2, 0, 1, 3).assign(rows.output(pass));
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
        DataType dt = input.dataType();
        long n = input.size(0);
        long h = input.size(2);
        long w = input.size(3);
        long c = hidden();
        INDArray gradRows =
                workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dt, new long[] {h, n, c, w}, 'c');
        gradRows.assign(epsilon.permute(2, 0, 1, 3));
        INDArray gradWss = gradTable.get(RowLstm.STATE_TO_STATE);
        INDArray gradGates =
                rows.backward(pass, stateKernel(), gradRows, gradWss.reshape(kernel(gradWss)), workspaceMgr);
        INDArray gradZ = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dt, shape(4 * c), 'c');
        gradZ.permute(2, 0, 1, 3).assign(gradGates.reshape(h, n, 4 * c, w));
        INDArray gradIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dt, input.shape(), 'c');
        INDArray gradWis = gradTable.get(RowLstm.INPUT_TO_STATE);
        inputToState.backward(
                input,
                maskedInputKernel(),
                bias(),
                gradZ,
                gradIn,
                gradWis,
                gradTable.get(RowLstm.BIAS).reshape(4 * c));
        gradWis.muli(mask);
        Gradient g = new DefaultGradient(gradients);
        for (String name : new String[] {RowLstm.INPUT_TO_STATE, RowLstm.STATE_TO_STATE, RowLstm.BIAS}) {
            g.gradientForVariable().put(name, gradTable.get(name));
        }
        return new Pair<>(g, gradIn);
    }

    /** The input-to-state convolution into the scan's layout {@code [H, N, 4c, 1, W]}, then the scan. */
    private ConvLstmScan.Pass forward(LayerWorkspaceMgr mgr, ArrayType type) {
        DataType dt = input.dataType();
        long n = input.size(0);
        long h = input.size(2);
        long w = input.size(3);
        long c4 = 4 * hidden();
        INDArray z = mgr.createUninitialized(ConvLstmScan.scratch(type), dt, shape(c4), 'c');
        inputToState.forward(input, maskedInputKernel(), bias(), z);
        INDArray gates = mgr.createUninitialized(ConvLstmScan.scratch(type), dt, new long[] {h, n, c4, 1, w}, 'c');
        gates.reshape(h, n, c4, w).assign(z.permute(2, 0, 1, 3));
        return rows.forward(gates, stateKernel(), mgr, type);
    }

    private INDArray maskedInputKernel() {
        INDArray w = paramTable.get(RowLstm.INPUT_TO_STATE);
        if (mask == null || mask.dataType() != w.dataType()) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                mask = layer.mask().castTo(w.dataType());
                maskedWeights = Nd4j.createUninitialized(w.dataType(), w.shape(), 'c');
            }
        }
        return maskedWeights.assign(w).muli(mask);
    }

    /** {@code Wss [k, c, 4c]} as the conv2d kernel {@code [1, k, c, 4c]} (the same values). */
    private INDArray stateKernel() {
        INDArray w = paramTable.get(RowLstm.STATE_TO_STATE);
        return w.reshape(kernel(w));
    }

    private static long[] kernel(INDArray wss) {
        return new long[] {1, wss.size(0), wss.size(1), wss.size(2)};
    }

    private INDArray bias() {
        INDArray b = paramTable.get(RowLstm.BIAS);
        return b.reshape(b.length());
    }

    private long hidden() {
        return layer.getHidden();
    }

    private long[] shape(long channels) {
        return new long[] {input.size(0), channels, input.size(2), input.size(3)};
    }

    /**
     * For tests: split every batch's scan into {@code parts} slices whatever the machine's thread
     * count (the tests run with one OpenMP thread, which would leave one slice).
     */
    void sliceInto(int parts) {
        rows.sliceInto(parts);
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
