package org.pixelscope.model;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The LSTM update shared by {@link RowLstm} and {@link DiagonalBiLstm}, on gate pre-activations
 * laid out as four equal channel blocks {@code [i, f, o, g]} along axis 1 (the paper's
 * {@code [o, f, i, g]} in another order):
 * {@code c = sigmoid(f) * c_prev + sigmoid(i) * tanh(g)}, {@code h = sigmoid(o) * tanh(c)}.
 */
final class LstmGates {

    /** Forget-gate bias at initialisation: remember by default, so gradients reach early rows. */
    static final double FORGET_BIAS = 1.0;

    private LstmGates() {}

    /** {@code {h, c}} of one step on {@code z [N, 4 * hidden, L]}; {@code cPrev} is null at the first step (a zero state). */
    static SDVariable[] step(SameDiff sd, SDVariable z, SDVariable cPrev, long hidden) {
        SDVariable[] gates;
        if (cPrev != null) {
            gates = sd.split(z, 4, 1);
        } else {
            // no forget gate without a previous cell; an unused split output would make SameDiff
            // (1.0.0-M2.1) take it for a loss and drop the layer output from the gradient graph
            gates = new SDVariable[] {gate(z, 0, hidden), null, gate(z, 2, hidden), gate(z, 3, hidden)};
        }
        SDVariable cell = sd.nn().sigmoid(gates[0]).mul(sd.math().tanh(gates[3]));
        if (cPrev != null) {
            cell = cell.add(sd.nn().sigmoid(gates[1]).mul(cPrev));
        }
        SDVariable h = sd.nn().sigmoid(gates[2]).mul(sd.math().tanh(cell));
        return new SDVariable[] {h, cell};
    }

    /** Gate block {@code index} of {@code [N, 4 * hidden, L]}. */
    private static SDVariable gate(SDVariable z, int index, long hidden) {
        return z.get(SDIndex.all(), SDIndex.interval(index * hidden, (index + 1) * hidden), SDIndex.all());
    }

    /** A bias {@code [1, 4 * hidden]} (or several such blocks side by side) with the forget gate at {@link #FORGET_BIAS}. */
    static void initBias(INDArray bias, long hidden) {
        bias.assign(0);
        long blocks = bias.length() / (4 * hidden);
        for (long b = 0; b < blocks; b++) {
            for (long j = 0; j < hidden; j++) {
                bias.putScalar(b * 4 * hidden + hidden + j, FORGET_BIAS);
            }
        }
    }

    /** Normal weights with variance 1 / fanIn, the scale at which sigmoid and tanh gates start unsaturated. */
    static void initWeights(INDArray w, long fanIn) {
        w.assign(Nd4j.randn(w.dataType(), w.shape()).muli(Math.sqrt(1.0 / Math.max(1, fanIn))));
    }
}
