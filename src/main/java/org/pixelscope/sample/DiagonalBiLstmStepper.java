package org.pixelscope.sample;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.pixelscope.model.DiagonalBiLstm;
import org.pixelscope.model.DiagonalBiLstmSpec;
import org.pixelscope.model.LayerNames;
import org.pixelscope.model.PixelModel;

/**
 * The pixel-step form of a Diagonal BiLSTM PixelRNN ({@link DiagonalBiLstmSpec}): computes
 * p(x=1) of one pixel from the states it keeps, so drawing a pixel costs one LSTM step per layer
 * (plus, once per row, one right-to-left sweep over the row above) instead of the whole network
 * on the whole image.
 *
 * <p>Why this is exact. Unskewed, {@link DiagonalBiLstm}'s left-to-right state at (r, c) is an
 * LSTM step on its input at (r, c), the states at (r - 1, c) and (r, c - 1), and the cell at
 * (r, c - 1); the right-to-left one is the mirror image, reading (r - 1, c) and (r, c + 1).
 * Positions outside the image hold zero states (the skew's padding keeps them exactly zero). The
 * layer's output at (r, c) adds the left-to-right state at (r, c) to the right-to-left state at
 * (r - 1, c). Every input at (r, c) depends only on pixels before (r, c), because the first layer
 * is a mask-A convolution, so:
 * <ul>
 *   <li>when the sampler reaches (r, c), everything the left-to-right step there reads is final,
 *       and so is its result, which is kept;</li>
 *   <li>when it starts row r, row r - 1 is final, so the right-to-left states of row r - 1 are
 *       swept once, right to left, from its kept inputs and the states of row r - 2.</li>
 * </ul>
 * The arithmetic is the layer's own on the trained weights (matrix products in place of its 1x1
 * and 2x1 convolutions); a test compares every pixel with the whole network.
 *
 * <p>Weights are read when the stepper is made; make a new one after further training.
 * Thread: not thread-safe; owned by one sampler.
 */
public final class DiagonalBiLstmStepper implements Conditionals {

    private final int height;
    private final int width;
    private final long hidden;
    private final int layers;
    private final PixelRnnEnds ends;
    /** Per layer: input-to-state {@code [nIn, 4h]} and bias {@code [1, 4h]} of each direction, state-to-state taps {@code [h, 4h]}. */
    private final INDArray[] inLr;

    private final INDArray[] inRl;
    private final INDArray[] bLr;
    private final INDArray[] bRl;
    private final INDArray[] aboveLr;
    private final INDArray[] besideLr;
    private final INDArray[] aboveRl;
    private final INDArray[] besideRl;

    /** {@code [layer][row][col]}, each {@code [N, hidden]}: each layer's input (the residual stream) and states. */
    private INDArray[][][] stream;

    private INDArray[][][] hLr;
    private INDArray[][][] cLr;
    private INDArray[][][] hRl;
    private INDArray[][][] cRl;
    /** The next raster position to compute; everything before it is kept. */
    private int next;

    public DiagonalBiLstmStepper(PixelModel model) {
        if (!(model.spec() instanceof DiagonalBiLstmSpec spec)) {
            throw new IllegalArgumentException(model.spec().name() + " is not a Diagonal BiLSTM");
        }
        height = spec.height();
        width = spec.width();
        hidden = spec.hidden();
        layers = spec.layers();
        ComputationGraph net = model.network();
        ends = new PixelRnnEnds(net, height, width, spec.firstKernel());
        inLr = new INDArray[layers];
        inRl = new INDArray[layers];
        bLr = new INDArray[layers];
        bRl = new INDArray[layers];
        aboveLr = new INDArray[layers];
        besideLr = new INDArray[layers];
        aboveRl = new INDArray[layers];
        besideRl = new INDArray[layers];
        long g = 4 * hidden;
        for (int l = 0; l < layers; l++) {
            org.deeplearning4j.nn.api.Layer layer = net.getLayer(LayerNames.biLstm(l + 1));
            INDArray in = layer.getParam(DiagonalBiLstm.INPUT_TO_STATE);
            INDArray w = in.reshape(in.size(2), 2 * g);
            INDArray b = layer.getParam(DiagonalBiLstm.BIAS).reshape(1, 2 * g);
            inLr[l] = w.get(NDArrayIndex.all(), NDArrayIndex.interval(0, g)).dup();
            inRl[l] = w.get(NDArrayIndex.all(), NDArrayIndex.interval(g, 2 * g)).dup();
            bLr[l] = b.get(NDArrayIndex.all(), NDArrayIndex.interval(0, g)).dup();
            bRl[l] = b.get(NDArrayIndex.all(), NDArrayIndex.interval(g, 2 * g)).dup();
            // conv1d layout [2, h, 4h]: tap 0 reads the state above, tap 1 the state beside
            INDArray lr = layer.getParam(DiagonalBiLstm.STATE_TO_STATE_LR);
            INDArray rl = layer.getParam(DiagonalBiLstm.STATE_TO_STATE_RL);
            aboveLr[l] = lr.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all())
                    .dup();
            besideLr[l] = lr.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.all())
                    .dup();
            aboveRl[l] = rl.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all())
                    .dup();
            besideRl[l] = rl.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.all())
                    .dup();
        }
        reset();
    }

    /** One LSTM step per layer and direction at {@code k}; the same position again is fine. */
    @Override
    public float[] next(INDArray x, int k) {
        if (k < 0 || k >= height * width) {
            throw new IllegalArgumentException("position " + k + " is outside the " + height + "x" + width + " image");
        }
        if (k < next - 1) {
            reset();
        }
        INDArray p = null;
        if (k == next - 1) {
            next--; // the same position again: compute it again from the (unchanged) past
        }
        while (next <= k) {
            p = step(x, next);
            next++;
        }
        return p.toFloatVector();
    }

    private void reset() {
        stream = new INDArray[layers][height][width];
        hLr = new INDArray[layers][height][width];
        cLr = new INDArray[layers][height][width];
        hRl = new INDArray[layers][height][width];
        cRl = new INDArray[layers][height][width];
        next = 0;
    }

    /** Computes and keeps everything at position {@code k}; returns p(x=1) there, {@code [N]}. */
    private INDArray step(INDArray x, int k) {
        int r = k / width;
        int c = k % width;
        if (c == 0 && r > 0) {
            sweepRightToLeft(r - 1);
        }
        // features change as pixels of this row are drawn: read this position's from the current image
        INDArray s = ends.features(x, r)
                .get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.point(c))
                .dup();
        for (int l = 0; l < layers; l++) {
            stream[l][r][c] = s;
            INDArray z = s.mmul(inLr[l]).addiRowVector(bLr[l]);
            addState(z, r > 0 ? hLr[l][r - 1][c] : null, aboveLr[l]);
            addState(z, c > 0 ? hLr[l][r][c - 1] : null, besideLr[l]);
            INDArray[] hc = PixelRnnEnds.lstm(z, c > 0 ? cLr[l][r][c - 1] : null, hidden);
            hLr[l][r][c] = hc[0];
            cLr[l][r][c] = hc[1];
            s = s.add(hc[0]);
            if (r > 0) {
                s.addi(hRl[l][r - 1][c]);
            }
        }
        long n = s.size(0);
        return ends.probabilities(s.reshape(n, hidden, 1, 1)).reshape(n);
    }

    /** The right-to-left states of {@code row}, all of whose inputs are kept, from its right end. */
    private void sweepRightToLeft(int row) {
        for (int l = 0; l < layers; l++) {
            for (int c = width - 1; c >= 0; c--) {
                INDArray z = stream[l][row][c].mmul(inRl[l]).addiRowVector(bRl[l]);
                addState(z, row > 0 ? hRl[l][row - 1][c] : null, aboveRl[l]);
                addState(z, c < width - 1 ? hRl[l][row][c + 1] : null, besideRl[l]);
                INDArray[] hc = PixelRnnEnds.lstm(z, c < width - 1 ? cRl[l][row][c + 1] : null, hidden);
                hRl[l][row][c] = hc[0];
                cRl[l][row][c] = hc[1];
            }
        }
    }

    private static void addState(INDArray z, INDArray state, INDArray weights) {
        if (state != null) {
            z.addi(state.mmul(weights));
        }
    }
}
