package org.pixelscope.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The row-step form of a Row LSTM PixelRNN ({@link RowLstmSpec}): computes p(x=1) for one row
 * from the image and the LSTM states of the row above, which it keeps between calls. Drawing a
 * pixel then costs one row of every layer instead of the whole network on the whole image.
 *
 * <p>Why this is exact: in a Row LSTM network the outputs of row r depend on the image only
 * through the mask-A features of row r (rows r - k/2 .. r of the image) and, through the
 * recurrence, on the states of row r - 1 of every layer; the 1x1 output layers are per pixel.
 * While row r is being drawn the rows above it are fixed, so their states are computed once,
 * when the sampler first asks for a row below them. The arithmetic is the network's own (the
 * same libnd4j conv2d kernels on the trained weights, with the masks applied), so results agree
 * with {@link PixelModel#probabilities} up to float rounding (a test compares every row).
 *
 * <p>Weights are read when the stepper is made; make a new one after further training.
 * Thread: not thread-safe; owned by one sampler.
 */
public final class RowLstmStepper {

    private final RowLstmSpec spec;
    private final int height;
    private final int width;
    private final int hidden;
    private final INDArray firstW;
    private final INDArray firstB;
    private final List<INDArray> inputToState = new ArrayList<>();
    private final List<INDArray> stateToState = new ArrayList<>();
    private final List<INDArray> bias = new ArrayList<>();
    private final INDArray out1W;
    private final INDArray out1B;
    private final INDArray out2W;
    private final INDArray out2B;
    private final Conv2DConfig firstConv;
    private final Conv2DConfig alongRow;
    private final Conv2DConfig pointwise;

    /** Per layer, {@code [N, hidden, 1, W]} of row {@link #stateRow}; empty before row 0. */
    private final List<INDArray> h = new ArrayList<>();
    private final List<INDArray> c = new ArrayList<>();
    private int stateRow = -1;

    public RowLstmStepper(PixelModel model) {
        if (!supports(model.spec())) {
            throw new IllegalArgumentException(model.spec().name() + " is not a Row LSTM");
        }
        spec = (RowLstmSpec) model.spec();
        height = spec.height();
        width = spec.width();
        hidden = spec.hidden();
        ComputationGraph net = model.network();
        MaskedConv2D first = layer(net, NetworkBuilder.FIRST_CONV, MaskedConv2D.class);
        firstW = masked(net, NetworkBuilder.FIRST_CONV, MaskedConv2D.WEIGHT, first.mask());
        firstB = net.getLayer(NetworkBuilder.FIRST_CONV).getParam(MaskedConv2D.BIAS).reshape(hidden).dup();
        int k = spec.rowKernel();
        for (int i = 1; i <= spec.layers(); i++) {
            String name = NetworkBuilder.ROW_LSTM + i;
            RowLstm rowLstm = layer(net, name, RowLstm.class);
            inputToState.add(masked(net, name, RowLstm.INPUT_TO_STATE, rowLstm.mask()));
            stateToState.add(net.getLayer(name).getParam(RowLstm.STATE_TO_STATE).reshape(1, k, hidden, 4L * hidden).dup());
            bias.add(net.getLayer(name).getParam(RowLstm.BIAS).reshape(4L * hidden).dup());
        }
        out1W = masked(net, NetworkBuilder.HIDDEN_OUT, MaskedConv2D.WEIGHT, layer(net, NetworkBuilder.HIDDEN_OUT, MaskedConv2D.class).mask());
        out1B = net.getLayer(NetworkBuilder.HIDDEN_OUT).getParam(MaskedConv2D.BIAS).reshape(hidden).dup();
        out2W = masked(net, NetworkBuilder.PIXEL_OUT, MaskedConv2D.WEIGHT, layer(net, NetworkBuilder.PIXEL_OUT, MaskedConv2D.class).mask());
        out2B = net.getLayer(NetworkBuilder.PIXEL_OUT).getParam(MaskedConv2D.BIAS).reshape(1).dup();
        firstConv = same(spec.firstKernel(), spec.firstKernel());
        alongRow = same(1, k);
        pointwise = same(1, 1);
    }

    public static boolean supports(ModelSpec spec) {
        return spec instanceof RowLstmSpec;
    }

    /**
     * p(x=1) of every pixel of {@code row}, {@code [N, W]}, given the image {@code x}
     * {@code [N, 1, H, W]}: its rows above {@code row}, and the pixels of {@code row} left of
     * the one being drawn, are the ones that count. Rows are asked for in order (the same row
     * any number of times, as its pixels are drawn); asking for a row above the last one
     * starts over from row 0.
     */
    public INDArray rowProbabilities(INDArray x, int row) {
        if (row < 0 || row >= height || x.rank() != 4 || x.size(2) != height || x.size(3) != width) {
            throw new IllegalArgumentException("row " + row + " of images " + java.util.Arrays.toString(x.shape())
                    + " is outside " + spec.name() + "'s " + height + "x" + width);
        }
        if (row <= stateRow) {
            h.clear();
            c.clear();
            stateRow = -1;
        }
        while (stateRow < row - 1) {
            // the rows above are final: keep their states
            List<INDArray[]> states = layers(x, stateRow + 1);
            h.clear();
            c.clear();
            for (INDArray[] hc : states) {
                h.add(hc[0]);
                c.add(hc[1]);
            }
            stateRow++;
        }
        List<INDArray[]> states = layers(x, row);
        INDArray top = states.get(states.size() - 1)[2];
        INDArray p = Transforms.relu(Nd4j.cnn().conv2d(top, out1W, out1B, pointwise), false);
        p = Transforms.sigmoid(Nd4j.cnn().conv2d(p, out2W, out2B, pointwise), false);
        return p.reshape(x.size(0), width);
    }

    /** {h, c, residual stream after the layer} of every layer at {@code row}, from the states of {@code row - 1}. */
    private List<INDArray[]> layers(INDArray x, int row) {
        INDArray stream = features(x, row);
        List<INDArray[]> result = new ArrayList<>();
        for (int l = 0; l < inputToState.size(); l++) {
            INDArray z = Nd4j.cnn().conv2d(stream, inputToState.get(l), bias.get(l), alongRow);
            INDArray cPrev = row > 0 ? c.get(l) : null;
            if (cPrev != null) {
                z.addi(Nd4j.cnn().conv2d(h.get(l), stateToState.get(l), alongRow));
            }
            INDArray i = Transforms.sigmoid(gate(z, 0), false);
            INDArray o = Transforms.sigmoid(gate(z, 2), false);
            INDArray g = Transforms.tanh(gate(z, 3), false);
            INDArray cell = i.muli(g);
            if (cPrev != null) {
                cell.addi(Transforms.sigmoid(gate(z, 1), false).muli(cPrev));
            }
            INDArray hNew = o.muli(Transforms.tanh(cell, true));
            stream = stream.add(hNew);
            result.add(new INDArray[] {hNew, cell, stream});
        }
        return result;
    }

    /** The mask-A features of {@code row}, {@code [N, hidden, 1, W]}: the first layer on the band of rows around it. */
    private INDArray features(INDArray x, int row) {
        int half = spec.firstKernel() / 2;
        long n = x.size(0);
        INDArray band = Nd4j.zeros(x.dataType(), n, 1, 2L * half + 1, width);
        int from = Math.max(0, row - half);
        int to = Math.min(height, row + half + 1);
        band.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from - row + half, to - row + half),
                NDArrayIndex.all())
                .assign(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from, to), NDArrayIndex.all()));
        INDArray all = Nd4j.cnn().conv2d(band, firstW, firstB, firstConv);
        return all.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(half, half + 1), NDArrayIndex.all()).dup();
    }

    /** Gate block {@code index} of {@code [N, 4 * hidden, 1, W]}, as a copy. */
    private INDArray gate(INDArray z, int index) {
        return z.get(NDArrayIndex.all(), NDArrayIndex.interval((long) index * hidden, (long) (index + 1) * hidden),
                NDArrayIndex.all(), NDArrayIndex.all()).dup();
    }

    private static INDArray masked(ComputationGraph net, String layer, String param, INDArray mask) {
        INDArray w = net.getLayer(layer).getParam(param);
        return w.mul(mask.castTo(w.dataType()));
    }

    private static <T> T layer(ComputationGraph net, String name, Class<T> type) {
        Object conf = net.getLayer(name).conf().getLayer();
        if (!type.isInstance(conf)) {
            throw new IllegalArgumentException("layer " + name + " is not a " + type.getSimpleName());
        }
        return type.cast(conf);
    }

    private static Conv2DConfig same(int kH, int kW) {
        return Conv2DConfig.builder().kH(kH).kW(kW).sH(1).sW(1)
                .paddingMode(PaddingMode.SAME).dataFormat(Conv2DConfig.NCHW).build();
    }
}
