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
 * p(x=1) of one pixel of a PixelCNN ({@link PixelCnnSpec}) computed from the activations that
 * pixel depends on and nothing else: layer by layer, a window that shrinks towards the pixel.
 *
 * <pre>
 *   output at (r, c)  &lt;-  last mask-B layer at (r, c)
 *                    &lt;-  the layer before on rows r-b..r, columns c-b..c+b    (b = hiddenKernel / 2)
 *                    &lt;-  ...
 *                    &lt;-  mask-A layer on rows r-L*b..r, columns c-L*b..c+L*b  (L mask-B layers)
 *                    &lt;-  image on rows r-L*b-a..r+a, columns c-L*b-a..c+L*b+a (a = firstKernel / 2)
 * </pre>
 *
 * For the chapter's model that is 6 x 11 mask-A outputs and 5 x 9 down to 1 x 1 mask-B outputs,
 * instead of the whole 28 x 28 map of every layer. Each layer is a VALID convolution of the
 * window below it with the layer's masked kernel; rows below the pixel, which the masks never
 * read (their taps are exactly 0), are fed as zeros. Where a window reaches past the image edge,
 * its values are set to 0 before the next layer reads them: that is the network's own SAME
 * padding. The arithmetic is otherwise the network's (libnd4j conv2d on the trained weights), so
 * results agree with {@link PixelModel#probabilities} up to float rounding; a test compares every
 * pixel.
 *
 * <p>Weights are read when the stepper is made; make a new one after further training.
 * Thread: not thread-safe; owned by one sampler.
 */
public final class PixelCnnStepper {

    private final PixelCnnSpec spec;
    private final INDArray[] weights;
    private final INDArray[] biases;
    private final Conv2DConfig first;
    private final Conv2DConfig hidden;
    private final Conv2DConfig pointwise;

    public PixelCnnStepper(PixelModel model) {
        if (!supports(model.spec())) {
            throw new IllegalArgumentException(model.spec().name() + " is not a PixelCNN");
        }
        spec = (PixelCnnSpec) model.spec();
        ComputationGraph net = model.network();
        int layers = spec.hiddenLayers() + 2;
        weights = new INDArray[layers];
        biases = new INDArray[layers];
        for (int i = 0; i < layers; i++) {
            String name = TrainedWeights.pixelCnnLayer(spec, i);
            weights[i] = TrainedWeights.maskedKernel(net, name);
            biases[i] = net.getLayer(name).getParam(MaskedConv2D.BIAS).reshape(weights[i].size(3)).dup();
        }
        first = valid(spec.firstKernel());
        hidden = valid(spec.hiddenKernel());
        pointwise = valid(1);
    }

    public static boolean supports(ModelSpec spec) {
        return spec instanceof PixelCnnSpec;
    }

    /** p(x=1) at raster position {@code k} of every image {@code x} {@code [N, 1, H, W]}: {@code [N]}. */
    public INDArray probability(INDArray x, int k) {
        int h = spec.height();
        int w = spec.width();
        ImageWindow.checkPosition(spec, x, k);
        int row = k / w;
        int col = k % w;
        int a = spec.firstKernel() / 2;
        int b = spec.hiddenKernel() / 2;
        int reach = spec.hiddenLayers() * b;
        // the image window: rows row-reach-a .. row+a, columns col-reach-a .. col+reach+a
        int top = row - reach - a;
        int left = col - reach - a;
        INDArray window = Nd4j.zeros(x.dataType(), x.size(0), 1, reach + 2L * a + 1, 2L * (reach + a) + 1);
        new ImageWindow(top, left).copyFrom(x, window, h, w);
        INDArray act = Transforms.relu(Nd4j.cnn().conv2d(window, weights[0], biases[0], first), false);
        top += a;
        left += a;
        new ImageWindow(top, left).zeroOutside(act, h, w);
        for (int i = 1; i <= spec.hiddenLayers(); i++) {
            // b zero rows below: the masks never read them
            INDArray in = Nd4j.concat(2, act, Nd4j.zeros(act.dataType(), act.size(0), act.size(1), b, act.size(3)));
            INDArray out = Transforms.relu(Nd4j.cnn().conv2d(in, weights[i], biases[i], hidden), false);
            top += b;
            left += b;
            new ImageWindow(top, left).zeroOutside(out, h, w);
            if (spec.residual()) {
                out.addi(act.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(b, act.size(2)),
                        NDArrayIndex.interval(b, act.size(3) - b)));
            }
            act = out;
        }
        INDArray p = Transforms.sigmoid(Nd4j.cnn().conv2d(act, weights[weights.length - 1], biases[biases.length - 1], pointwise), false);
        return p.reshape(x.size(0));
    }

    private static Conv2DConfig valid(int k) {
        return Conv2DConfig.builder().kH(k).kW(k).sH(1).sW(1)
                .paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NCHW).build();
    }
}
