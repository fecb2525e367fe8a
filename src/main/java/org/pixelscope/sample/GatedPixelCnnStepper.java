package org.pixelscope.sample;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pixelscope.model.*;

/**
 * p(x=1) of one pixel of a Gated PixelCNN ({@link GatedPixelCnnSpec}) from the activations it
 * depends on and nothing else, the way {@link PixelCnnStepper} does it for masked stacks.
 *
 * <p>With {@code L} layers, {@code b = kernel / 2} and {@code d = L - j} layers after layer j,
 * the output at (r, c) needs layer j's vertical stack on rows {@code r - d*b .. r}, columns
 * {@code c - d*b .. c + d*b}, and its horizontal stack on row r, columns {@code c - d*b .. c}:
 * the last layer needs only (r, c). Each layer is computed on those windows with VALID
 * convolutions of the windows of the layer before (the image, for the first), and what lies
 * outside the image is set to 0, which is the network's own zero padding. The arithmetic is
 * the layer's ({@link GatedPixelCnnLayer}) on the trained weights, masks applied; a test compares
 * every pixel with the whole network.
 *
 * <p>Weights are read when the stepper is made; make a new one after further training.
 * Thread: not thread-safe; owned by one sampler.
 */
public final class GatedPixelCnnStepper {

    private final GatedPixelCnnSpec spec;
    private final INDArray[] wV;
    private final INDArray[] wH;
    private final INDArray[] wVh;
    private final INDArray[] wO;
    private final INDArray[] bV;
    private final INDArray[] bH;
    private final INDArray[] bO;
    private final INDArray out1W;
    private final INDArray out1B;
    private final INDArray out2W;
    private final INDArray out2B;

    public GatedPixelCnnStepper(PixelModel model) {
        if (!supports(model.spec())) {
            throw new IllegalArgumentException(model.spec().name() + " is not a Gated PixelCNN");
        }
        spec = (GatedPixelCnnSpec) model.spec();
        ComputationGraph net = model.network();
        int layers = spec.layers();
        wV = new INDArray[layers];
        wH = new INDArray[layers];
        wVh = new INDArray[layers];
        wO = new INDArray[layers];
        bV = new INDArray[layers];
        bH = new INDArray[layers];
        bO = new INDArray[layers];
        for (int j = 0; j < layers; j++) {
            String name = TrainedWeights.gatedLayer(j + 1);
            org.deeplearning4j.nn.api.Layer layer = net.getLayer(name);
            GatedPixelCnnLayer conf = (GatedPixelCnnLayer) layer.conf().getLayer();
            INDArray v = layer.getParam(GatedPixelCnnLayer.VERTICAL);
            INDArray h = layer.getParam(GatedPixelCnnLayer.HORIZONTAL);
            wV[j] = v.mul(conf.verticalMask().castTo(v.dataType()));
            wH[j] = h.mul(conf.horizontalMask().castTo(h.dataType()));
            wVh[j] = layer.getParam(GatedPixelCnnLayer.VERTICAL_TO_HORIZONTAL).dup();
            wO[j] = layer.getParam(GatedPixelCnnLayer.OUT).dup();
            bV[j] = layer.getParam("bv").reshape(1, wV[j].size(3), 1, 1).dup();
            bH[j] = layer.getParam("bh").reshape(1, wH[j].size(3), 1, 1).dup();
            bO[j] = layer.getParam("bo").reshape(wO[j].size(3)).dup();
        }
        out1W = TrainedWeights.maskedKernel(net, TrainedWeights.GATED_HIDDEN_OUT);
        out1B = net.getLayer(TrainedWeights.GATED_HIDDEN_OUT).getParam(MaskedConv2D.BIAS).reshape(out1W.size(3)).dup();
        out2W = TrainedWeights.maskedKernel(net, TrainedWeights.GATED_PIXEL_OUT);
        out2B = net.getLayer(TrainedWeights.GATED_PIXEL_OUT).getParam(MaskedConv2D.BIAS).reshape(1).dup();
    }

    public static boolean supports(ModelSpec spec) {
        return spec instanceof GatedPixelCnnSpec;
    }

    /** p(x=1) at raster position {@code k} of every image {@code x} {@code [N, 1, H, W]}: {@code [N]}. */
    public INDArray probability(INDArray x, int k) {
        int h = spec.height();
        int w = spec.width();
        ImageWindow.checkPosition(spec, x, k);
        int row = k / w;
        int col = k % w;
        int layers = spec.layers();
        int b = spec.kernel() / 2;
        int bFirst = spec.firstKernel() / 2;
        int up = bFirst + 1;
        long f = spec.filters();
        long n = x.size(0);
        // layer 1 reads the image on rows row-d*b-up .. row, columns col-d*b-up .. col+d*b+bFirst:
        // the vertical kernel spans columns +-bFirst, the horizontal one up columns to the left (up = bFirst + 1)
        int d = layers - 1;
        ImageWindow image = new ImageWindow(row - d * b - up, col - d * b - up);
        INDArray xw = Nd4j.zeros(x.dataType(), n, 1, (long) d * b + up + 1, 2L * (d * b) + up + bFirst + 1);
        image.copyFrom(x, xw, h, w);
        INDArray vz = conv(cols(xw, up - bFirst, xw.size(3)), wV[0], up + 1, spec.firstKernel()).addi(bV[0]);
        ImageWindow vzAt = new ImageWindow(row - d * b, col - d * b);
        INDArray hRow = rows(xw, xw.size(2) - 1, xw.size(2));
        INDArray hz = conv(cols(hRow, 0, up + d * b + 1), wH[0], 1, up + 1).addi(bH[0]);
        ImageWindow hAt = new ImageWindow(row, col - d * b);
        INDArray vOut = gate(vz, f);
        INDArray hOut = hOutput(0, hz, vz, vzAt, hAt, f, null);
        vzAt.zeroOutside(vOut, h, w);
        hAt.zeroOutside(hOut, h, w);
        for (int j = 1; j < layers; j++) {
            d = layers - 1 - j;
            INDArray vzj = conv(vOut, wV[j], b + 1, spec.kernel()).addi(bV[j]);
            ImageWindow vzjAt = new ImageWindow(vzAt.top() + b, vzAt.left() + b);
            INDArray hzj = conv(hOut, wH[j], 1, b + 1).addi(bH[j]);
            ImageWindow hjAt = new ImageWindow(row, hAt.left() + b);
            INDArray hIn = cols(hOut, b, hOut.size(3));
            hOut = hOutput(j, hzj, vzj, vzjAt, hjAt, f, hIn);
            hjAt.zeroOutside(hOut, h, w);
            if (j < layers - 1) {
                vOut = gate(vzj, f);
                vzjAt.zeroOutside(vOut, h, w);
            }
            vzAt = vzjAt;
            hAt = hjAt;
        }
        INDArray p = Transforms.relu(Nd4j.cnn().conv2d(hOut, out1W, out1B, valid(1, 1)), false);
        p = Transforms.sigmoid(Nd4j.cnn().conv2d(p, out2W, out2B, valid(1, 1)), false);
        return p.reshape(n);
    }

    /**
     * H' of layer j on the horizontal window {@code hAt}: {@code hIn + Wo gate(hz + Wvh vz)} (no
     * {@code hIn} in the first layer), reading vz at the same positions of its own window.
     */
    private INDArray hOutput(int j, INDArray hz, INDArray vz, ImageWindow vzAt, ImageWindow hAt, long f, INDArray hIn) {
        long width = hz.size(3);
        int r0 = (int) (vz.size(2) - 1);
        int c0 = hAt.left() - vzAt.left();
        INDArray link = vz.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(r0, r0 + 1),
                NDArrayIndex.interval(c0, c0 + width)).dup();
        INDArray z = hz.addi(Nd4j.cnn().conv2d(link, wVh[j], valid(1, 1)));
        INDArray out = Nd4j.cnn().conv2d(gate(z, f), wO[j], bO[j], valid(1, 1));
        return hIn == null ? out : out.addi(hIn);
    }

    private static INDArray gate(INDArray z, long f) {
        INDArray a = Transforms.tanh(channels(z, 0, f), false);
        return a.muli(Transforms.sigmoid(channels(z, f, 2 * f), false));
    }

    private static INDArray channels(INDArray z, long from, long to) {
        return z.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all()).dup();
    }

    private static INDArray rows(INDArray z, long from, long to) {
        return z.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
    }

    private static INDArray cols(INDArray z, long from, long to) {
        return z.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from, to)).dup();
    }

    private static INDArray conv(INDArray in, INDArray weights, int kH, int kW) {
        return Nd4j.cnn().conv2d(in, weights, valid(kH, kW));
    }

    private static Conv2DConfig valid(int kH, int kW) {
        return Conv2DConfig.builder().kH(kH).kW(kW).sH(1).sW(1)
                .paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NCHW).build();
    }
}
