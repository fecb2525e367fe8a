package org.pixelscope.sample;

import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pixelscope.model.NetworkBuilder;

/**
 * The parts the step forms of the PixelRNN body ({@link NetworkBuilder}: a mask-A convolution,
 * recurrent layers, two 1x1 outputs) share: the trained weights of the two ends, read with their
 * masks applied, the mask-A features of one row, the output head, and one LSTM update. The
 * arithmetic is the network's own, on the same libnd4j kernels, so results agree with the whole
 * network up to float rounding.
 *
 * <p>Thread: not thread-safe; owned by one stepper.
 */
final class PixelRnnEnds {

    private final int height;
    private final int width;
    private final int firstKernel;
    private final INDArray firstW;
    private final INDArray firstB;
    private final INDArray out1W;
    private final INDArray out1B;
    private final INDArray out2W;
    private final INDArray out2B;
    private final Conv2DConfig firstConv;
    private final Conv2DConfig pointwise;

    PixelRnnEnds(ComputationGraph net, int height, int width, int firstKernel) {
        this.height = height;
        this.width = width;
        this.firstKernel = firstKernel;
        firstW = TrainedWeights.maskedKernel(net, TrainedWeights.FIRST_CONV);
        firstB = TrainedWeights.convBias(net, TrainedWeights.FIRST_CONV);
        out1W = TrainedWeights.maskedKernel(net, TrainedWeights.HIDDEN_OUT);
        out1B = TrainedWeights.convBias(net, TrainedWeights.HIDDEN_OUT);
        out2W = TrainedWeights.maskedKernel(net, TrainedWeights.PIXEL_OUT);
        out2B = TrainedWeights.convBias(net, TrainedWeights.PIXEL_OUT);
        firstConv = same(firstKernel, firstKernel);
        pointwise = same(1, 1);
    }

    /** The mask-A features of {@code row}, {@code [N, hidden, 1, W]}: the first layer on the band of rows around it. */
    INDArray features(INDArray x, int row) {
        if (row < 0 || row >= height || x.rank() != 4 || x.size(1) != 1 || x.size(2) != height || x.size(3) != width) {
            throw new IllegalArgumentException("row " + row + " of images " + Arrays.toString(x.shape())
                    + " is outside a " + height + "x" + width + " model");
        }
        int half = firstKernel / 2;
        INDArray band = Nd4j.zeros(x.dataType(), x.size(0), 1, 2L * half + 1, width);
        int from = Math.max(0, row - half);
        int to = Math.min(height, row + half + 1);
        band.get(
                        NDArrayIndex.all(),
                        NDArrayIndex.all(),
                        NDArrayIndex.interval(from - row + half, to - row + half),
                        NDArrayIndex.all())
                .assign(x.get(
                        NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from, to), NDArrayIndex.all()));
        INDArray all = Nd4j.cnn().conv2d(band, firstW, firstB, firstConv);
        return all.get(
                        NDArrayIndex.all(),
                        NDArrayIndex.all(),
                        NDArrayIndex.interval(half, half + 1),
                        NDArrayIndex.all())
                .dup();
    }

    /** p(x=1) from the last residual stream {@code [N, hidden, 1, L]}: {@code [N, L]}. */
    INDArray probabilities(INDArray stream) {
        INDArray p = Transforms.relu(Nd4j.cnn().conv2d(stream, out1W, out1B, pointwise), false);
        p = Transforms.sigmoid(Nd4j.cnn().conv2d(p, out2W, out2B, pointwise), false);
        return p.reshape(stream.size(0), stream.size(3));
    }

    /**
     * One LSTM update (the model's LSTM gates) on gate pre-activations {@code z} laid out as blocks
     * {@code [i, f, o, g]} of {@code hidden} along axis 1: {@code {h, c}}. {@code cPrev} null
     * means a zero cell.
     */
    static INDArray[] lstm(INDArray z, INDArray cPrev, long hidden) {
        INDArray i = Transforms.sigmoid(gate(z, 0, hidden), false);
        INDArray o = Transforms.sigmoid(gate(z, 2, hidden), false);
        INDArray cell = i.muli(Transforms.tanh(gate(z, 3, hidden), false));
        if (cPrev != null) {
            cell.addi(Transforms.sigmoid(gate(z, 1, hidden), false).muli(cPrev));
        }
        return new INDArray[] {o.muli(Transforms.tanh(cell, true)), cell};
    }

    static Conv2DConfig same(int kH, int kW) {
        return Conv2DConfig.builder()
                .kH(kH)
                .kW(kW)
                .sH(1)
                .sW(1)
                .paddingMode(PaddingMode.SAME)
                .dataFormat(Conv2DConfig.NCHW)
                .build();
    }

    /** Gate block {@code index} along axis 1, as a copy. */
    private static INDArray gate(INDArray z, int index, long hidden) {
        INDArrayIndex[] idx = new INDArrayIndex[z.rank()];
        Arrays.fill(idx, NDArrayIndex.all());
        idx[1] = NDArrayIndex.interval(index * hidden, (index + 1) * hidden);
        return z.get(idx).dup();
    }
}
