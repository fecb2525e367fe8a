package org.pixelscope.sample;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.pixelscope.model.LevelOutput;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;

/**
 * The cached sampler of a masked-convolution PixelCNN ({@link PixelCnnSpec}, residual or not), in
 * the manner of Fast PixelCNN++ (Ramachandran et al. 2017): every layer keeps its activations for
 * the images being drawn, and each new pixel costs one position of every layer.
 *
 * <p>Which position each layer can compute after pixel k is drawn. Write p &lt;= q for raster order.
 * The mask-A layer's output at p reads the image at positions strictly before p inside its window
 * (rows above, and the pixels to the left in p's row), so with pixels 0 .. k drawn its outputs are
 * final at every p &lt;= k + 1. A mask-B layer's output at p reads its input at positions &lt;= p
 * inside its window: the rows above (including the upper right, (r - 1, c + 1), which precedes p)
 * and p's row up to p itself. If the layer below is final at every position &lt;= k + 1, so is this
 * one. By induction every layer, and the 1x1 output, becomes computable at exactly one new
 * position, k + 1: after pixel k is drawn the sampler computes position k + 1 of layer 1, then of
 * layer 2, and so on, and the output there is p(x_{k+1} | x_0 .. x_k). Nothing else changes, and
 * nothing at k + 2 or later is computable yet (the mask-A layer there reads pixel k + 1).
 *
 * <p>Storage: a layer's outputs are read only from its own row and the {@code kernel / 2} rows
 * above, so each layer keeps a ring of {@code reach + 1} rows, padded with zero columns on both
 * sides; cells outside the image are never written and stay 0, which is the network's SAME zero
 * padding. A ring row is reused only after every reader has moved past it.
 *
 * <p>The arithmetic is the network's, in Java floats rather than libnd4j's kernels (so results agree
 * to float rounding; a test compares every pixel with the whole network). Weights are read when
 * the sampler is made; make a new one after further training.
 *
 * <p>Thread: not thread-safe; owned by one sampler run.
 */
final class CachedPixelCnn extends CachedRaster {

    private final boolean residual;
    /** Layer 0 is the mask-A convolution on the image, then the mask-B layers. */
    private final KernelTaps[] layers;

    private final float[][] biases;
    private final int filters;
    private final PixelHead head;
    /** Zero columns on each side of a kept row, and rows kept per layer. */
    private final int pad;

    private final int ring;

    /** Per layer: {@code [N][ring][pad + W + pad][filters]}. */
    private float[][] maps;

    private final float[] acc;

    CachedPixelCnn(PixelModel model) {
        super(specOf(model).height(), specOf(model).width(), LevelOutput.channels(model.levels()));
        PixelCnnSpec spec = specOf(model);
        ComputationGraph net = model.network();
        residual = spec.residual();
        filters = spec.filters();
        layers = new KernelTaps[spec.hiddenLayers() + 1];
        biases = new float[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            String name = TrainedWeights.pixelCnnLayer(spec, l);
            int half = (l == 0 ? spec.firstKernel() : spec.hiddenKernel()) / 2;
            layers[l] = new KernelTaps(
                    TrainedWeights.maskedKernel(net, name),
                    half,
                    half,
                    l == 0 ? KernelTaps.Reach.BEFORE : KernelTaps.Reach.UP_TO,
                    name);
            biases[l] = TrainedWeights.floats(TrainedWeights.convBias(net, name));
        }
        String out = TrainedWeights.pixelCnnLayer(spec, layers.length);
        head = new PixelHead(TrainedWeights.maskedKernel(net, out), TrainedWeights.convBias(net, out));
        pad = spec.hiddenKernel() / 2;
        ring = pad + 1;
        acc = new float[filters];
    }

    private static PixelCnnSpec specOf(PixelModel model) {
        if (!(model.spec() instanceof PixelCnnSpec spec)) {
            throw new IllegalArgumentException(model.spec().name() + " is not a masked PixelCNN");
        }
        return spec;
    }

    @Override
    protected void advance(int i, int r, int c, float[] out, int offset) {
        int last = computeAt(i, r, c);
        if (out != null) {
            head.apply(maps[layers.length - 1], last, out, offset);
        }
    }

    @Override
    protected void allocate(int n) {
        maps = new float[layers.length][n * ring * (width + 2 * pad) * filters];
    }

    /** Every layer at (r, c) of image i, in order; returns the last layer's offset there. */
    private int computeAt(int i, int r, int c) {
        int at = 0;
        for (int l = 0; l < layers.length; l++) {
            KernelTaps taps = layers[l];
            System.arraycopy(biases[l], 0, acc, 0, filters);
            for (int t = 0; t < taps.taps(); t++) {
                int rr = r + taps.dy(t);
                int cc = c + taps.dx(t);
                if (l == 0) {
                    if (rr >= 0 && cc >= 0 && cc < width) {
                        taps.accumulate(acc, 0, t, image, (i * height + rr) * width + cc);
                    }
                } else {
                    taps.accumulate(acc, 0, t, maps[l - 1], offset(i, rr, cc));
                }
            }
            Dense.relu(acc, 0, filters);
            at = offset(i, r, c);
            if (residual && l > 0) {
                for (int j = 0; j < filters; j++) {
                    acc[j] += maps[l - 1][at + j];
                }
            }
            System.arraycopy(acc, 0, maps[l], at, filters);
        }
        return at;
    }

    /** Where (r, c) of image i lies in a layer's ring; rows above the image land on rows not yet written (zeros). */
    private int offset(int i, int r, int c) {
        return ((i * ring + Math.floorMod(r, ring)) * (width + 2 * pad) + c + pad) * filters;
    }
}
