package org.pixelscope.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * libnd4j's fused {@code lstmLayer} op on the parameters of DL4J's {@code LSTM} layer: the forward
 * pass over a whole sequence in one native call instead of a dozen small ops per step. Same LSTM
 * (no peepholes, no cell clipping, zero initial state), gates sigmoid, cell and output tanh. The
 * backward pass is {@link LstmBackprop}.
 *
 * <p>The two keep the four gate blocks of {@code W [nIn, 4H]}, {@code RW [H, 4H]} and
 * {@code b [4H]} in different orders:
 *
 * <pre>
 *   DL4J (LSTMHelpers)   [ g  f  o  i ]    g: block input (tanh), i: input gate
 *   lstmLayer            [ i  f  g  o ]
 * </pre>
 *
 * so each pass copies the parameters into lstmLayer's order (small arrays).
 *
 * <p>Layout: time-major sequences {@code [T, N, C]} (lstmLayer's dataFormat 0), with the last
 * output and cell requested: in the oneDNN
 * builds of nd4j-native (1.0.0-M2.1) that is the form oneDNN's LSTM primitive takes; without the
 * last step's outputs it fails ("object is not initialized"), and in dataFormat 1 it gives wrong
 * outputs. Other builds run libnd4j's own loop on the same call.
 *
 * <p>Thread: stateless; the arrays belong to the calling layer's thread.
 */
final class LstmLayerOps {

    /** Block k of lstmLayer's gate order is DL4J's block {@code FROM_DL4J[k]}. */
    static final int[] FROM_DL4J = {3, 1, 0, 2};

    private static final int TIME_MAJOR = 0; // [T, N, C]
    private static final int FORWARD = 0;
    private static final int TANH = 0;
    private static final int SIGMOID = 2;
    private static final double NO_CELL_CLIP = 0;

    private final int[] gateOrder;

    LstmLayerOps() {
        this(FROM_DL4J);
    }

    /** With another gate mapping: only for a test to show a wrong one is caught. */
    LstmLayerOps(int[] gateOrder) {
        this.gateOrder = gateOrder.clone();
    }

    /**
     * {@code ht [T, N, H]} = the LSTM's outputs for {@code xt [T, N, nIn]} (both time-major, c
     * order); scratch arrays are of {@code scratch}.
     */
    void forward(
            INDArray xt, INDArray w, INDArray rw, INDArray b, INDArray ht, LayerWorkspaceMgr mgr, ArrayType scratch) {
        DataType dt = xt.dataType();
        long n = xt.size(1);
        long h = rw.size(0);
        INDArray lastH = mgr.createUninitialized(scratch, dt, new long[] {n, h}, 'c');
        INDArray lastC = mgr.createUninitialized(scratch, dt, new long[] {n, h}, 'c');
        Nd4j.exec(DynamicCustomOp.builder("lstmLayer")
                .addInputs(
                        xt,
                        toFused(w, mgr, scratch),
                        toFused(rw, mgr, scratch),
                        toFused(b, mgr, scratch).reshape(4 * h))
                .addOutputs(ht, lastH, lastC)
                .addIntegerArguments(TIME_MAJOR, FORWARD, SIGMOID, TANH, TANH)
                .addFloatingPointArguments(NO_CELL_CLIP)
                .addBooleanArguments(true, false, false, false, false, true, true, true)
                .build());
    }

    /** A c-order copy of DL4J's {@code [rows, 4H]} parameter with its gate blocks in lstmLayer's order. */
    private INDArray toFused(INDArray dl4j, LayerWorkspaceMgr mgr, ArrayType scratch) {
        INDArray from = rows(dl4j);
        long h = from.size(1) / 4;
        INDArray fused = mgr.createUninitialized(scratch, dl4j.dataType(), from.shape(), 'c');
        for (int k = 0; k < 4; k++) {
            fused.get(all(), block(k, h)).assign(from.get(all(), block(gateOrder[k], h)));
        }
        return fused;
    }

    /** A parameter as {@code [rows, 4H]}: DL4J keeps the bias as a vector {@code [4H]}; a view, so writes reach it. */
    private static INDArray rows(INDArray param) {
        return param.rank() == 1 ? param.reshape(1, param.length()) : param;
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex block(int k, long h) {
        return interval(k * h, (k + 1) * h);
    }
}
