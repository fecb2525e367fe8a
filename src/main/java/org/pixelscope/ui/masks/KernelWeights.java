package org.pixelscope.ui.masks;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.pixelscope.model.MaskedKernel;
import org.pixelscope.model.MaskedLayer;
import org.pixelscope.model.PixelModel;

/**
 * The learned kernel of one output channel of a masked layer, summed over its input channels:
 * {@code sum_i W[r, c, i, out]} for each tap (r, c) of the {@code [kH, kW, nIn, nOut]} weights of
 * the layer's raster-masked kernel ({@link MaskedLayer#rasterKernel()}: a masked convolution's
 * {@code W}, or a Row LSTM's input-to-state kernel, whose output channels are the gate
 * pre-activations). Summing shows where the channel looks with how much net weight; with one input
 * channel (the mask-A layer on a binary image) it is the kernel itself.
 *
 * <p>Thread: {@link #read} on a worker, from a model copy only that worker uses.
 *
 * @param layer      layer name
 * @param outChannel output channel shown
 * @param inChannels input channels summed over
 * @param outChannels output channels of the layer (for the channel picker)
 * @param gates      whether the output channels are LSTM gates (four blocks i, f, o, g)
 * @param values     {@code values[r][c]}
 */
public record KernelWeights(
        String layer, int outChannel, int inChannels, int outChannels, boolean gates, double[][] values) {

    /** Reads the weights of {@code layer} from {@code copy}. */
    public static KernelWeights read(PixelModel copy, String layer, int outChannel) {
        MaskedKernel kernel = MaskedLayer.of(copy.network(), layer)
                .flatMap(MaskedLayer::rasterKernel)
                .orElseThrow(() -> new IllegalArgumentException("the model has no raster-masked layer " + layer));
        boolean gates = kernel.gates();
        INDArray w = copy.network().getLayer(layer).getParam(kernel.parameter());
        if (w == null || w.rank() != 4) {
            throw new IllegalArgumentException(layer + " has no [kH, kW, nIn, nOut] kernel");
        }
        long[] s = w.shape();
        int out = (int) Math.max(0, Math.min(s[3] - 1, outChannel));
        double[][] v = new double[(int) s[0]][(int) s[1]];
        for (int r = 0; r < s[0]; r++) {
            for (int c = 0; c < s[1]; c++) {
                double sum = 0;
                for (int i = 0; i < s[2]; i++) {
                    sum += w.getDouble(r, c, i, out);
                }
                v[r][c] = sum;
            }
        }
        return new KernelWeights(layer, out, (int) s[2], (int) s[3], gates, v);
    }

    /** The output channel in words: "output channel 3", or for gates "gate channel 35 (f, unit 3)". */
    public String channelName() {
        if (!gates) {
            return "output channel " + outChannel;
        }
        int units = outChannels / 4;
        return "gate channel " + outChannel + " (" + "ifog".charAt(outChannel / units) + ", unit " + outChannel % units
                + ")";
    }

    /** Largest |value|, the end of the symmetric colour scale. */
    public double maxAbs() {
        double m = 0;
        for (double[] row : values) {
            for (double x : row) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m;
    }
}
