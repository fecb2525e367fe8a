package org.pixelscope.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv1DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * Row LSTM (van den Oord et al. 2016, sec. 3.1): an LSTM that runs down the image one row at a
 * time, computing all pixels of a row at once. Input {@code [N, nIn, H, W]}, output
 * {@code [N, hidden, H, W]}.
 *
 * <pre>
 *   [i, f, o, g]_row r = K_is (*) x_row r  +  K_ss (*) h_row r-1      c, h: the usual LSTM update
 *
 *   K_is: 1 x k along the row, mask B       K_ss: 1 x k along the row, full
 *        row r:   1 [1] 0   (k = 3)             row r-1:  1  1  1   (of h, all in the past)
 * </pre>
 *
 * The paper calls both kernels "k x 1"; here both run along the row (k = 3 by default), which is
 * what gives the Row LSTM its triangular receptive field: each row up widens the field by k / 2
 * pixels each side. Causality: the input-to-state kernel is masked (mask B) so pixel j reads the
 * features of pixels j' &lt;= j of its own row, and those features must already exclude their
 * own pixel, so this layer must come after a mask-A layer (as in the paper: a 7x7 mask-A
 * convolution first). The state-to-state kernel reads only row r-1, all of which is before any
 * pixel of row r; row 0 starts from a zero state. What it does not do: it never sees pixels of
 * its own row more than k / 2 to the left through the recurrence, nor distant pixels in rows
 * above: the context is a triangle, not the whole causal region (that is the Diagonal BiLSTM).
 *
 * <p>The layer runs as {@link RowLstmRuntime}: the input-to-state part as one convolution over
 * the whole map, the row recurrence on {@link ConvLstmScan}. {@link #defineLayer} is the same
 * layer as a SameDiff graph with the recurrence unrolled (H steps): the reference form the tests
 * compare the runtime with. Parameters (no underscores: DL4J splits gradient keys
 * {@code layer_param} at the last one): {@code Wis [1, k, nIn, 4*hidden]}
 * (masked taps stored as 0), {@code Wss [k, hidden, 4*hidden]} (conv1d layout), {@code b [1, 4*hidden]}.
 */
public class RowLstm extends ImageLayer implements MaskedLayer {

    public static final String INPUT_TO_STATE = "Wis";
    public static final String STATE_TO_STATE = "Wss";
    public static final String BIAS = "b";
    /**
     * Name of the output variable of PixelScope's SameDiff layers, as in DL4J's own examples: DL4J
     * feeds the error of the layer output in as a placeholder {@code <name>-grad}.
     */
    static final String OUTPUT_NAME = "out";

    private long hidden;
    private int kernel = 3;

    public RowLstm() {
        // for JSON
    }

    public RowLstm(long nIn, long hidden, int kernel) {
        this.nIn = nIn;
        this.hidden = hidden;
        this.kernel = kernel;
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("the Row LSTM kernel must be odd, got " + kernel);
        }
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(INPUT_TO_STATE, 1, kernel, nIn, 4 * hidden);
        params.addWeightParam(STATE_TO_STATE, kernel, hidden, 4 * hidden);
        params.addBiasParam(BIAS, 1, 4 * hidden);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        LstmGates.initWeights(params.get(INPUT_TO_STATE), nIn * (kernel / 2 + 1));
        params.get(INPUT_TO_STATE).muli(mask());
        LstmGates.initWeights(params.get(STATE_TO_STATE), hidden * kernel);
        LstmGates.initBias(params.get(BIAS), hidden);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        SDVariable wIs = params.get(INPUT_TO_STATE);
        wIs = wIs.mul(sd.constant("rowMask", mask().castTo(wIs.dataType())));
        Conv2DConfig along = Conv2DConfig.builder()
                .kH(1)
                .kW(kernel)
                .sH(1)
                .sW(1)
                .paddingMode(PaddingMode.SAME)
                .dataFormat(Conv2DConfig.NCHW)
                .build();
        SDVariable inputToState = sd.cnn().conv2d(input, wIs, params.get(BIAS).reshape(4 * hidden), along);
        Conv1DConfig previousRow = Conv1DConfig.builder()
                .k(kernel)
                .s(1)
                .d(1)
                .paddingMode(PaddingMode.SAME)
                .dataFormat(Conv1DConfig.NCW)
                .build();
        int rows = (int) input.getShape()[2];
        // one unstack rather than a slice per row: a slice's gradient is a full-size map of zeros
        SDVariable[] byRow = sd.unstack(inputToState, 2, rows);
        List<SDVariable> out = new ArrayList<>();
        SDVariable h = null;
        SDVariable c = null;
        for (int r = 0; r < rows; r++) {
            // [N, 4*hidden, W]: this row's gates from the input, plus the previous row's state
            SDVariable z = byRow[r];
            if (h != null) {
                z = z.add(sd.cnn().conv1d(h, params.get(STATE_TO_STATE), previousRow));
            }
            SDVariable[] hc = LstmGates.step(sd, z, c, hidden);
            h = hc[0];
            c = hc[1];
            out.add(h);
        }
        return sd.stack(OUTPUT_NAME, 2, out.toArray(new SDVariable[0]));
    }

    /** Runs as {@link RowLstmRuntime}: direct ops; {@link #defineLayer} stays the reference form. */
    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(
            org.deeplearning4j.nn.conf.NeuralNetConfiguration conf,
            java.util.Collection<org.deeplearning4j.optimize.api.TrainingListener> listeners,
            int index,
            INDArray paramsView,
            boolean initializeParams,
            org.nd4j.linalg.api.buffer.DataType dataType) {
        return RowLstmRuntime.instantiate(this, conf, index, paramsView, initializeParams, dataType);
    }

    /** The input-to-state mask, {@code [1, k, nIn, 4*hidden]}: this pixel and those left of it. */
    public INDArray mask() {
        return Masks.kernel(1, kernel, MaskType.B, (int) nIn, (int) (4 * hidden), 1);
    }

    /** The input-to-state kernel under mask B; its output channels are the four gates. */
    @Override
    public List<MaskedKernel> maskedKernels() {
        long blocked = Masks.blockedWeights(1, kernel, MaskType.B, (int) nIn, (int) (4 * hidden), 1);
        return List.of(new MaskedKernel(INPUT_TO_STATE, 1, kernel, MaskType.B, blocked, true));
    }

    @Override
    public INDArray mask(String parameter) {
        if (!INPUT_TO_STATE.equals(parameter)) {
            throw new IllegalArgumentException("the Row LSTM masks only " + INPUT_TO_STATE + ", not " + parameter);
        }
        return mask();
    }

    @Override
    public String kernelLabel() {
        return "1x" + kernel;
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

    public int getKernel() {
        return kernel;
    }

    public void setKernel(int kernel) {
        this.kernel = kernel;
    }
}
