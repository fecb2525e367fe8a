package org.pixelscope.sample;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.pixelscope.model.LayerNames;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.RowLstm;
import org.pixelscope.model.RowLstmSpec;

/**
 * The row-step form of a Row LSTM PixelRNN ({@link RowLstmSpec}): computes p(x=1) for one row
 * from the image and the LSTM states of the row above, which it keeps between calls. Drawing a
 * pixel then costs one row of every layer instead of the whole network on the whole image.
 *
 * <p>Why this is exact: in a Row LSTM network the outputs of row r depend on the image only
 * through the mask-A features of row r (rows r - firstKernel/2 .. r of the image) and, through the
 * recurrence, on the states of row r - 1 of every layer; the 1x1 output layers are per pixel.
 * While row r is being drawn the rows above it are fixed, so their states are computed once,
 * when the sampler first asks for a row below them ({@link PixelRnnEnds} has the shared parts).
 *
 * <p>Weights are read when the stepper is made; make a new one after further training.
 * Thread: not thread-safe; owned by one sampler.
 */
public final class RowLstmStepper implements Conditionals {

    private final int height;
    private final int hidden;
    private final PixelRnnEnds ends;
    private final List<INDArray> inputToState = new ArrayList<>();
    private final List<INDArray> stateToState = new ArrayList<>();
    private final List<INDArray> bias = new ArrayList<>();
    private final Conv2DConfig alongRow;

    /** Per layer, {@code [N, hidden, 1, W]} of row {@link #stateRow}; empty before row 0. */
    private final List<INDArray> h = new ArrayList<>();

    private final List<INDArray> c = new ArrayList<>();
    private int stateRow = -1;

    public RowLstmStepper(PixelModel model) {
        if (!(model.spec() instanceof RowLstmSpec spec)) {
            throw new IllegalArgumentException(model.spec().name() + " is not a Row LSTM");
        }
        height = spec.height();
        hidden = spec.hidden();
        ComputationGraph net = model.network();
        ends = new PixelRnnEnds(net, height, spec.width(), spec.firstKernel());
        int k = spec.rowKernel();
        for (int i = 1; i <= spec.layers(); i++) {
            String name = LayerNames.rowLstm(i);
            inputToState.add(TrainedWeights.maskedKernel(net, name, RowLstm.INPUT_TO_STATE));
            stateToState.add(net.getLayer(name)
                    .getParam(RowLstm.STATE_TO_STATE)
                    .reshape(1, k, hidden, 4L * hidden)
                    .dup());
            bias.add(net.getLayer(name)
                    .getParam(RowLstm.BIAS)
                    .reshape(4L * hidden)
                    .dup());
        }
        alongRow = PixelRnnEnds.same(1, k);
    }

    /** Pixel k's column of its row's probabilities ({@link #rowProbabilities}): one row of every layer per pixel. */
    @Override
    public float[] next(INDArray images, int k) {
        int w = (int) images.size(3);
        return rowProbabilities(images, k / w).getColumn(k % w).toFloatVector();
    }

    /**
     * p(x=1) of every pixel of {@code row}, {@code [N, W]}, given the image {@code x}
     * {@code [N, 1, H, W]}: its rows above {@code row}, and the pixels of {@code row} left of
     * the one being drawn, are the ones that count. Rows are asked for in order (the same row
     * any number of times, as its pixels are drawn); a row further down is caught up from
     * {@code x}, a row above the last one starts over from row 0. The kept states belong to the
     * images of the calls so far: for other images, make a new stepper.
     */
    public INDArray rowProbabilities(INDArray x, int row) {
        INDArray features = ends.features(x, row);
        if (row <= stateRow) {
            h.clear();
            c.clear();
            stateRow = -1;
        }
        while (stateRow < row - 1) {
            // the rows above are final: keep their states
            List<INDArray[]> states =
                    layers(stateRow + 1 == row ? features : ends.features(x, stateRow + 1), stateRow + 1);
            h.clear();
            c.clear();
            for (INDArray[] hc : states) {
                h.add(hc[0]);
                c.add(hc[1]);
            }
            stateRow++;
        }
        List<INDArray[]> states = layers(features, row);
        return ends.probabilities(states.get(states.size() - 1)[2]);
    }

    /** {h, c, residual stream after the layer} of every layer at {@code row}, from the states of {@code row - 1}. */
    private List<INDArray[]> layers(INDArray features, int row) {
        INDArray stream = features;
        List<INDArray[]> result = new ArrayList<>();
        for (int l = 0; l < inputToState.size(); l++) {
            INDArray z = Nd4j.cnn().conv2d(stream, inputToState.get(l), bias.get(l), alongRow);
            INDArray cPrev = row > 0 ? c.get(l) : null;
            if (cPrev != null) {
                z.addi(Nd4j.cnn().conv2d(h.get(l), stateToState.get(l), alongRow));
            }
            INDArray[] hc = PixelRnnEnds.lstm(z, cPrev, hidden);
            stream = stream.add(hc[0]);
            result.add(new INDArray[] {hc[0], hc[1], stream});
        }
        return result;
    }
}
