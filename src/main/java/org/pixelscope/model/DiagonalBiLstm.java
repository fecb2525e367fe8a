package org.pixelscope.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv1DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Diagonal BiLSTM (van den Oord et al. 2016, sec. 3.2): two LSTMs that sweep the image along
 * diagonals, one from the left, one from the right. Input {@code [N, nIn, H, W]}, output
 * {@code [N, hidden, H, W]}.
 *
 * <pre>
 *   skew: row r shifted right by r          then a column of the skewed map is a diagonal:
 *     a b c            a b c . .            state(r, s) = LSTM(K_is x(r, s),
 *     d e f     -&gt;     . d e f .                               K_ss [state(r-1, s-1); state(r, s-1)])
 *     g h i            . . g h i            K_is 1x1, K_ss 2x1 over the previous column
 * </pre>
 *
 * In image coordinates a state reads the state above it and the state to its left, so the
 * left-to-right direction sees every pixel above and to the left. The right-to-left direction
 * runs the same on the mirrored map and sees everything above and to the right, which includes
 * pixels to the right in its own row, the future. Its output is therefore shifted down one row
 * before it is added: pixel (r, c) gets the right-to-left state of (r-1, c), which has seen only
 * rows up to r-1. Like the Row LSTM this layer reads features that must already exclude their
 * own pixel (a mask-A layer first).
 *
 * <p>Together the two directions see the whole causal region but for one pixel, measured by the
 * receptive-field test: the last pixel of the row above, (r-1, W-1), for outputs more than
 * {@code firstKernel / 2} columns from the right edge. No feature of row r-1 contains it (each
 * excludes its own pixel, and the right-to-left states carry only row r-1's features down); the
 * features that do are in row r at columns &gt;= W - 1 - firstKernel / 2, after those outputs.
 * This follows from the paper's construction (mask-A convolution, then the layer) and no depth
 * removes it; the Row LSTM, by contrast, misses a whole triangle to the upper right.
 *
 * <p>Both directions run in one loop over the W + H - 1 skewed columns: their states are stacked
 * along the channels and one block-diagonal 2x1 convolution updates both. The layer runs as
 * {@link DiagonalBiLstmRuntime} (direct ops, the loop on {@link ConvLstmScan});
 * {@link #defineLayer} is the same layer as a SameDiff graph with the loop unrolled, the
 * reference form the tests compare the runtime with.
 * Parameters: {@code Wis [1, 1, nIn, 8*hidden]} (left-to-right gates, then right-to-left),
 * {@code WssLR} and {@code WssRL}, each {@code [2, hidden, 4*hidden]} (conv1d layout, tap 0
 * the row above), {@code b [1, 8*hidden]}.
 */
public class DiagonalBiLstm extends ImageLayer {

    public static final String INPUT_TO_STATE = "Wis";
    public static final String STATE_TO_STATE_LR = "WssLR";
    public static final String STATE_TO_STATE_RL = "WssRL";
    public static final String BIAS = "b";

    private long hidden;
    /** False only in the test that proves the causality check catches the unshifted leak. */
    private boolean shiftReverse = true;

    public DiagonalBiLstm() {
        // for JSON
    }

    public DiagonalBiLstm(long nIn, long hidden) {
        this.nIn = nIn;
        this.hidden = hidden;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(INPUT_TO_STATE, 1, 1, nIn, 8 * hidden);
        params.addWeightParam(STATE_TO_STATE_LR, 2, hidden, 4 * hidden);
        params.addWeightParam(STATE_TO_STATE_RL, 2, hidden, 4 * hidden);
        params.addBiasParam(BIAS, 1, 8 * hidden);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        LstmGates.initWeights(params.get(INPUT_TO_STATE), nIn);
        LstmGates.initWeights(params.get(STATE_TO_STATE_LR), 2 * hidden);
        LstmGates.initWeights(params.get(STATE_TO_STATE_RL), 2 * hidden);
        LstmGates.initBias(params.get(BIAS), hidden);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        long h = hidden;
        long rows = input.getShape()[2];
        long cols = input.getShape()[3];
        Conv2DConfig oneByOne = Conv2DConfig.builder()
                .kH(1)
                .kW(1)
                .sH(1)
                .sW(1)
                .paddingMode(PaddingMode.VALID)
                .dataFormat(Conv2DConfig.NCHW)
                .build();
        SDVariable all = sd.cnn()
                .conv2d(input, params.get(INPUT_TO_STATE), params.get(BIAS).reshape(8 * h), oneByOne);
        SDVariable lr = all.get(SDIndex.all(), SDIndex.interval(0L, 4 * h), SDIndex.all(), SDIndex.all());
        // a 1x1 convolution commutes with mirroring, so the right-to-left input is the mirrored map's
        SDVariable rl =
                sd.reverse(all.get(SDIndex.all(), SDIndex.interval(4 * h, 8 * h), SDIndex.all(), SDIndex.all()), 3);
        // gates interleaved per gate, [i_lr i_rl f_lr f_rl ...], to match the stacked state [h_lr; h_rl]
        SDVariable z = sd.concat(
                        2,
                        skew(sd, lr, 4 * h, rows, cols).reshape(-1, 4, h, rows, cols + rows - 1),
                        skew(sd, rl, 4 * h, rows, cols).reshape(-1, 4, h, rows, cols + rows - 1))
                .reshape(-1, 8 * h, rows, cols + rows - 1);
        SDVariable wSs = blockDiagonal(sd, params.get(STATE_TO_STATE_LR), params.get(STATE_TO_STATE_RL));
        // causal: the state at row r reads rows r-1 and r of the previous column, never r+1
        Conv1DConfig previousColumn = Conv1DConfig.builder()
                .k(2)
                .s(1)
                .d(1)
                .paddingMode(PaddingMode.CAUSAL)
                .dataFormat(Conv1DConfig.NCW)
                .build();
        List<SDVariable> out = new ArrayList<>();
        SDVariable state = null;
        SDVariable cell = null;
        // one unstack rather than a slice per column: a slice's gradient is a full-size map of zeros
        SDVariable[] byColumn = sd.unstack(z, 3, (int) (cols + rows - 1));
        for (SDVariable column : byColumn) {
            SDVariable gates = column;
            if (state != null) {
                gates = gates.add(sd.cnn().conv1d(state, wSs, previousColumn));
            }
            SDVariable[] hc = LstmGates.step(sd, gates, cell, 2 * h);
            state = hc[0];
            cell = hc[1];
            out.add(state);
        }
        SDVariable both = unskew(sd, sd.stack(3, out.toArray(new SDVariable[0])), 2 * h, rows, cols);
        SDVariable fromLeft = both.get(SDIndex.all(), SDIndex.interval(0L, h), SDIndex.all(), SDIndex.all());
        SDVariable fromRight =
                sd.reverse(both.get(SDIndex.all(), SDIndex.interval(h, 2 * h), SDIndex.all(), SDIndex.all()), 3);
        if (shiftReverse) {
            fromRight = shiftDown(sd, fromRight, rows);
        }
        return fromLeft.add(RowLstm.OUTPUT_NAME, fromRight);
    }

    /** Runs as {@link DiagonalBiLstmRuntime}: direct ops; {@link #defineLayer} stays the reference form. */
    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(
            org.deeplearning4j.nn.conf.NeuralNetConfiguration conf,
            java.util.Collection<org.deeplearning4j.optimize.api.TrainingListener> listeners,
            int index,
            INDArray paramsView,
            boolean initializeParams,
            DataType dataType) {
        return DiagonalBiLstmRuntime.instantiate(this, conf, index, paramsView, initializeParams, dataType);
    }

    /** {@code [N, C, H, W]} to {@code [N, C, H, W + H - 1]} with row r starting at column r; zeros elsewhere. */
    static SDVariable skew(SameDiff sd, SDVariable x, long channels, long rows, long cols) {
        long width = cols + rows - 1;
        // pad each row to W + H, flatten, and read it back in rows of W + H - 1: row r moves r right
        SDVariable padded = sd.nn().pad(x, pads(sd, 0, 0, 0, 0, 0, 0, 0, rows), PadMode.CONSTANT, 0);
        SDVariable flat = padded.reshape(-1, channels, rows * (cols + rows));
        return flat.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0L, rows * width))
                .reshape(-1, channels, rows, width);
    }

    /** The inverse of {@link #skew}. */
    static SDVariable unskew(SameDiff sd, SDVariable x, long channels, long rows, long cols) {
        long width = cols + rows - 1;
        SDVariable flat =
                sd.nn().pad(x.reshape(-1, channels, rows * width), pads(sd, 0, 0, 0, 0, 0, rows), PadMode.CONSTANT, 0);
        return flat.reshape(-1, channels, rows, cols + rows)
                .get(SDIndex.all(), SDIndex.all(), SDIndex.all(), SDIndex.interval(0L, cols));
    }

    /** Row r takes row r-1's values; row 0 gets zeros. */
    static SDVariable shiftDown(SameDiff sd, SDVariable x, long rows) {
        SDVariable padded = sd.nn().pad(x, pads(sd, 0, 0, 0, 0, 1, 0, 0, 0), PadMode.CONSTANT, 0);
        return padded.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0L, rows), SDIndex.all());
    }

    /** {@code [2, 2h, 8h]}: inputs [h_lr; h_rl], outputs gate by gate [lr, rl], cross terms zero. */
    private SDVariable blockDiagonal(SameDiff sd, SDVariable wLr, SDVariable wRl) {
        long h = hidden;
        SDVariable zeros = sd.constant("ssZeros", Nd4j.zeros(wLr.dataType(), 2, h, 4, h));
        SDVariable top = sd.concat(3, wLr.reshape(2, h, 4, h), zeros);
        SDVariable bottom = sd.concat(3, zeros, wRl.reshape(2, h, 4, h));
        return sd.concat(1, top, bottom).reshape(2, 2 * h, 8 * h);
    }

    static SDVariable pads(SameDiff sd, long... beforeAfter) {
        int[][] p = new int[beforeAfter.length / 2][2];
        for (int i = 0; i < p.length; i++) {
            p[i][0] = (int) beforeAfter[2 * i];
            p[i][1] = (int) beforeAfter[2 * i + 1];
        }
        return sd.constant(Nd4j.createFromArray(p).castTo(DataType.INT));
    }

    @Override
    protected long outChannels() {
        return hidden;
    }

    public long getHidden() {
        return hidden;
    }

    public void setHidden(long hidden) {
        this.hidden = hidden;
    }

    public boolean isShiftReverse() {
        return shiftReverse;
    }

    void setShiftReverse(boolean shiftReverse) {
        this.shiftReverse = shiftReverse;
    }
}
