package org.pixelscope.model;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One layer of a Gated PixelCNN ({@link GatedPixelCnnSpec}): a vertical stack and a horizontal
 * stack, carried side by side in the channels, {@code [V; H]}, {@code [N, 2f, H, W]}.
 *
 * <pre>
 *   vertical kernel (k/2+1) x k         horizontal kernel 1 x (k/2+1)      (k = 3)
 *     rows r-1..r, all columns            row r, columns c-1..c
 *       1 1 1                               1 [1]
 *       1 [1] 1
 *
 *   v_z = Conv_v(V) + b_v             V' = tanh(v_z[:f]) * sigmoid(v_z[f:])
 *   h_z = Conv_h(H) + b_h + 1x1(v_z)  H' = H + 1x1(tanh(h_z[:f]) * sigmoid(h_z[f:]))
 * </pre>
 *
 * The invariant that makes it autoregressive: V at (r, c) depends only on pixels in rows above r,
 * H at (r, c) only on pixels before (r, c) in raster order. The kernels are cropped rather than
 * masked: the vertical one covers the rows up to r (V there is already strictly above), the
 * horizontal one the columns up to c. The first layer reads the image, so it must also keep the
 * pixel's own row out of V and the pixel itself out of H: its kernels reach one row further up
 * and one column further left, and their last row (vertical) and last column (horizontal) are
 * held at zero by a mask, which is the paper's "shift down" and "shift right" without a crop that
 * would tie the layer to one image height. It has no residual. Nothing above the pixel is masked
 * off (the vertical kernel reads the rows above on both sides, and H reads V at every layer), so
 * the stacks see the whole region their kernels reach: no blind spot, unlike stacked masked
 * convolutions. The last layer outputs H only, {@code [N, f, H, W]}.
 *
 * <p>Class-conditional form (the paper's eq. 4, {@code classes > 0}): a one-hot label h enters
 * both gates of both stacks as a learned, spatially constant bias,
 * {@code v_z += Lv^T h} and {@code h_z += Lh^T h}, so each gate is
 * {@code tanh(W_f * x + V_f^T h) * sigmoid(W_g * x + V_g^T h)}. The label arrives as {@code classes}
 * extra input channels after the stacks ({@code [V; H; label]}, the one-hot label broadcast over the
 * image, see {@link PixelModel}); the layer reads them at position (0, 0) only, so what it adds is a
 * constant per image by construction and no pixel can reach another through it: causality is
 * untouched.
 *
 * <p>Parameters: {@code Wv [k/2+1 (+1), k, c, 2f]}, {@code Wh [1, k/2+1 (+1), c, 2f]} (the +1
 * in the first layer), {@code Wvh [1, 1, 2f, 2f]}, {@code Wo [1, 1, f, f]}, biases {@code bv},
 * {@code bh} {@code [1, 2f]} and {@code bo} {@code [1, f]}; {@code c} is 1 for the first layer, f
 * after it; conditional layers add {@code Lv} and {@code Lh} {@code [classes, 2f]}, declared as biases
 * (each is one bias vector per label). {@code nIn} is
 * the stacks' channels (1 for the first layer, 2f after it) plus {@code classes}. The no-argument
 * constructor and setters are for DL4J's JSON.
 *
 * <p>The layer runs as {@link GatedPixelCnnRuntime} (direct conv ops, gradients written out);
 * {@link #defineLayer} is the same layer as a SameDiff graph, the reference the tests compare it with.
 */
public class GatedPixelCnnLayer extends ImageLayer implements MaskedLayer {

    public static final String VERTICAL = "Wv";
    public static final String HORIZONTAL = "Wh";
    public static final String VERTICAL_TO_HORIZONTAL = "Wvh";
    public static final String OUT = "Wo";
    /** The label's embedding into the vertical and horizontal gates, {@code [classes, 2f]} (conditional layers only). */
    public static final String LABEL_VERTICAL = "Lv";

    public static final String LABEL_HORIZONTAL = "Lh";

    private long filters;
    private int kernel;
    private boolean first;
    private boolean last;
    private int classes;

    public GatedPixelCnnLayer() {
        // for JSON
    }

    /** {@code nIn}: 1 for the first layer (the image), else {@code 2 * filters} ([V; H]). */
    public GatedPixelCnnLayer(long nIn, long filters, int kernel, boolean first, boolean last) {
        this(nIn, filters, kernel, first, last, 0);
    }

    /**
     * A layer conditioned on one of {@code classes} labels (0: unconditional); {@code nIn} counts
     * the label channels too.
     */
    public GatedPixelCnnLayer(long nIn, long filters, int kernel, boolean first, boolean last, int classes) {
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("the gated layer's kernel must be odd, got " + kernel);
        }
        if (classes < 0 || nIn <= classes) {
            throw new IllegalArgumentException("a gated layer reads its stacks and " + classes + " label channels, got "
                    + nIn + " input channels");
        }
        this.nIn = nIn;
        this.filters = filters;
        this.kernel = kernel;
        this.first = first;
        this.last = last;
        this.classes = classes;
    }

    /** Channels each stack reads: the image's 1 for the first layer, else f. */
    private long stackIn() {
        return first ? nIn - classes : (nIn - classes) / 2;
    }

    /** Rows of the vertical kernel (and columns of the horizontal one): the first layer's reach one further. */
    private int reach() {
        return kernel / 2 + 1 + (first ? 1 : 0);
    }

    /** The vertical kernel's 0/1 mask: in the first layer, the last row (the pixel's own row) is blocked. */
    public INDArray verticalMask() {
        INDArray m = Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, reach(), kernel, stackIn(), 2 * filters);
        if (first) {
            m.get(org.nd4j.linalg.indexing.NDArrayIndex.point(reach() - 1)).assign(0);
        }
        return m;
    }

    /** The horizontal kernel's 0/1 mask: in the first layer, the last column (the pixel itself) is blocked. */
    public INDArray horizontalMask() {
        INDArray m = Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, reach(), stackIn(), 2 * filters);
        if (first) {
            m.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(reach() - 1))
                    .assign(0);
        }
        return m;
    }

    /** Weights the masks hold at 0: the first layer's last vertical row and last horizontal column. */
    public long maskedWeights() {
        return maskedKernels().stream().mapToLong(MaskedKernel::blockedWeights).sum();
    }

    /**
     * The first layer's two kernels, each with its last row (vertical) or column (horizontal)
     * blocked; not raster masks, so no A/B grid. Later layers mask nothing.
     */
    @Override
    public List<MaskedKernel> maskedKernels() {
        if (!first) {
            return List.of();
        }
        long out = 2 * filters;
        return List.of(
                new MaskedKernel(VERTICAL, reach(), kernel, null, kernel * stackIn() * out, false),
                new MaskedKernel(HORIZONTAL, 1, reach(), null, stackIn() * out, false));
    }

    @Override
    public INDArray mask(String parameter) {
        if (first && VERTICAL.equals(parameter)) {
            return verticalMask();
        }
        if (first && HORIZONTAL.equals(parameter)) {
            return horizontalMask();
        }
        throw new IllegalArgumentException("this gated layer has no mask on " + parameter);
    }

    /** The kernel size k; the first layer's kernels reach one row and one column further, then blocked. */
    @Override
    public String kernelLabel() {
        return kernel + "x" + kernel + (first ? ", own row and pixel blocked" : "");
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        long f = filters;
        params.addWeightParam(VERTICAL, reach(), kernel, stackIn(), 2 * f);
        params.addWeightParam(HORIZONTAL, 1, reach(), stackIn(), 2 * f);
        params.addWeightParam(VERTICAL_TO_HORIZONTAL, 1, 1, 2 * f, 2 * f);
        params.addWeightParam(OUT, 1, 1, f, f);
        params.addBiasParam("bv", 1, 2 * f);
        params.addBiasParam("bh", 1, 2 * f);
        params.addBiasParam("bo", 1, f);
        if (classes > 0) {
            // a bias per label: what the receptive field zeroes with the other biases, and tests perturb
            params.addBiasParam(LABEL_VERTICAL, classes, 2 * f);
            params.addBiasParam(LABEL_HORIZONTAL, classes, 2 * f);
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        long in = stackIn();
        normal(params.get(VERTICAL), in * (kernel / 2 + 1) * kernel);
        params.get(VERTICAL).muli(verticalMask());
        normal(params.get(HORIZONTAL), in * (kernel / 2 + 1));
        params.get(HORIZONTAL).muli(horizontalMask());
        normal(params.get(VERTICAL_TO_HORIZONTAL), 2 * filters);
        normal(params.get(OUT), filters);
        if (classes > 0) {
            // one row per label is read (one-hot): a bias-sized start, like the conv outputs at init
            normal(params.get(LABEL_VERTICAL), 2 * filters);
            normal(params.get(LABEL_HORIZONTAL), 2 * filters);
        }
        for (String b : new String[] {"bv", "bh", "bo"}) {
            params.get(b).assign(0);
        }
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        long f = filters;
        int up = reach() - 1;
        int half = kernel / 2;
        long stacks = nIn - classes;
        SDVariable vIn = first ? channels(input, 0, stacks) : channels(input, 0, f);
        SDVariable hIn = first ? channels(input, 0, stacks) : channels(input, f, 2 * f);
        SDVariable wV = params.get(VERTICAL);
        SDVariable wH = params.get(HORIZONTAL);
        if (first) {
            wV = wV.mul(sd.constant("verticalMask", verticalMask().castTo(wV.dataType())));
            wH = wH.mul(sd.constant("horizontalMask", horizontalMask().castTo(wH.dataType())));
        }
        // vertical: rows r-up..r, columns c-half..c+half
        SDVariable vConv = sd.cnn()
                .conv2d(
                        sd.nn().pad(vIn, DiagonalBiLstm.pads(sd, 0, 0, 0, 0, up, 0, half, half), PadMode.CONSTANT, 0),
                        wV,
                        valid(up + 1, kernel));
        // horizontal: row r, columns c-up..c
        SDVariable hConv = sd.cnn()
                .conv2d(
                        sd.nn().pad(hIn, DiagonalBiLstm.pads(sd, 0, 0, 0, 0, 0, 0, up, 0), PadMode.CONSTANT, 0),
                        wH,
                        valid(1, up + 1));
        SDVariable vz = vConv.add(params.get("bv").reshape(1, 2 * f, 1, 1));
        SDVariable hz = hConv.add(params.get("bh").reshape(1, 2 * f, 1, 1));
        if (classes > 0) {
            SDVariable label =
                    input.get(SDIndex.all(), SDIndex.interval(stacks, nIn), SDIndex.point(0), SDIndex.point(0));
            vz = vz.add(sd.mmul(label, params.get(LABEL_VERTICAL)).reshape(-1, 2 * f, 1, 1));
            hz = hz.add(sd.mmul(label, params.get(LABEL_HORIZONTAL)).reshape(-1, 2 * f, 1, 1));
        }
        hz = hz.add(sd.cnn().conv2d(vz, params.get(VERTICAL_TO_HORIZONTAL), valid(1, 1)));
        SDVariable hOut = sd.cnn()
                .conv2d(gate(sd, hz, f), params.get(OUT), params.get("bo").reshape(f), valid(1, 1));
        if (!first) {
            hOut = hOut.add(hIn);
        }
        return last ? sd.identity(RowLstm.OUTPUT_NAME, hOut) : sd.concat(RowLstm.OUTPUT_NAME, 1, gate(sd, vz, f), hOut);
    }

    /** tanh of the first half of the channels times sigmoid of the second. */
    private static SDVariable gate(SameDiff sd, SDVariable z, long f) {
        return sd.math().tanh(channels(z, 0, f)).mul(sd.nn().sigmoid(channels(z, f, 2 * f)));
    }

    private static SDVariable channels(SDVariable x, long from, long to) {
        return x.get(SDIndex.all(), SDIndex.interval(from, to), SDIndex.all(), SDIndex.all());
    }

    private static Conv2DConfig valid(int kH, int kW) {
        return Conv2DConfig.builder()
                .kH(kH)
                .kW(kW)
                .sH(1)
                .sW(1)
                .paddingMode(PaddingMode.VALID)
                .dataFormat(Conv2DConfig.NCHW)
                .build();
    }

    private static void normal(INDArray w, long fanIn) {
        w.assign(Nd4j.randn(w.dataType(), w.shape()).muli(Math.sqrt(1.0 / Math.max(1, fanIn))));
    }

    /** Runs as {@link GatedPixelCnnRuntime}: direct ops; {@link #defineLayer} stays the reference form. */
    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(
            org.deeplearning4j.nn.conf.NeuralNetConfiguration conf,
            java.util.Collection<org.deeplearning4j.optimize.api.TrainingListener> listeners,
            int index,
            INDArray paramsView,
            boolean initializeParams,
            org.nd4j.linalg.api.buffer.DataType dataType) {
        return GatedPixelCnnRuntime.instantiate(this, conf, index, paramsView, initializeParams, dataType);
    }

    @Override
    protected long outChannels() {
        return last ? filters : 2 * filters;
    }

    public long getFilters() {
        return filters;
    }

    public void setFilters(long filters) {
        this.filters = filters;
    }

    public int getKernel() {
        return kernel;
    }

    public void setKernel(int kernel) {
        this.kernel = kernel;
    }

    public boolean isFirst() {
        return first;
    }

    public void setFirst(boolean first) {
        this.first = first;
    }

    public boolean isLast() {
        return last;
    }

    public void setLast(boolean last) {
        this.last = last;
    }

    /** Labels the layer is conditioned on; 0 for an unconditional layer. */
    public int getClasses() {
        return classes;
    }

    public void setClasses(int classes) {
        this.classes = classes;
    }
}
