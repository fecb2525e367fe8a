package org.pixelscope.sample;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pixelscope.model.GatedPixelCnnLayer;
import org.pixelscope.model.GatedPixelCnnSpec;
import org.pixelscope.model.LevelOutput;
import org.pixelscope.model.PixelModel;

/**
 * The cached sampler of a Gated PixelCNN ({@link GatedPixelCnnSpec}), in the manner of Fast
 * PixelCNN++ (Ramachandran et al. 2017): every layer keeps its stacks for the images being drawn,
 * and each new pixel costs one position of every horizontal stack, each new row one row of every
 * vertical stack.
 *
 * <p>Which positions each layer can compute after pixel k = (r, c) is drawn
 * ({@link GatedPixelCnnLayer}): the vertical stack at (r', c') depends only on pixels in rows above
 * r' (the first layer's kernel stops one row above; later ones read the vertical stack of rows
 * r' - kernel/2 .. r'). So once row r is complete (k is its last pixel), all of row r + 1 of every
 * vertical stack is computable, layer after layer, and not before: row r + 1's first layer reads
 * row r up to column c' + firstKernel/2. The horizontal stack at p reads the image strictly before p
 * in p's row (first layer), or the layer below's horizontal stack at p's row up to p, and the
 * vertical stack at p itself; so, as in a masked stack, every layer's horizontal output becomes
 * computable at exactly one new position, k + 1, layer after layer, and the 1x1 outputs there give
 * p(x_{k+1} | x_0 .. x_k). At the start of each row the sampler first computes the vertical stacks
 * of that row, then the horizontal ones of its first pixel.
 *
 * <p>Storage: a vertical stack is read from its own row and {@code kernel / 2} rows above, so each
 * layer keeps a ring of rows, padded with zero columns; the horizontal stacks, and the vertical
 * stack's contribution to them ({@code Wvh v_z + b_h}), are read only in the current row, so one row
 * each. Cells outside the image are never written and stay 0: the network's zero padding.
 *
 * <p>A class-conditional model, bound to its labels ({@link PixelModel#given}), adds a constant
 * per label to every gate ({@code Lv^T h}, {@code Lh^T h}): here that is folded into each layer's
 * two biases, one pair per label, and each image reads its own label's pair. An unbound conditional
 * model (the mixture over labels) has no cache here: the whole-network samplers draw it.
 *
 * <p>The arithmetic is the layer's, in Java floats (results agree with the whole network to float
 * rounding; a test compares every pixel). Weights are read when the sampler is made.
 *
 * <p>Thread: not thread-safe; owned by one sampler run.
 */
final class CachedGatedPixelCnn extends CachedRaster {

    private final int f;
    private final KernelTaps[] vertical;
    private final KernelTaps[] horizontal;
    /** Per layer: {@code Wvh [2f][2f]}, {@code Wo [f][f]}, biases. */
    private final float[][] toHorizontal;

    private final float[][] outWeights;
    /** Per layer and label (one row when unconditional): {@code b_v (+ Lv[y])}, {@code b_h (+ Lh[y])}. */
    private final float[][][] bv;

    private final float[][][] bh;
    /** Each image's label (one for all when a single one), or null: row 0 of the biases. */
    private final int[] labels;

    private final float[][] bo;
    private final float[] out1W;
    private final float[] out1B;
    private final PixelHead head;
    /** Zero columns on each side of a kept vertical row (left of a horizontal row), and vertical rows kept. */
    private final int pad;

    private final int ring;

    /** Per layer: gated vertical stack {@code [N][ring][pad + W + pad][f]}. */
    private float[][] v;
    /** Per layer: {@code Wvh v_z + b_h} of the current row, {@code [N][W][2f]}. */
    private float[][] link;
    /** Per layer: horizontal stack of the current row, {@code [N][pad + W][f]}. */
    private float[][] h;

    private final float[] z;
    private final float[] gated;
    private final float[] hidden;

    CachedGatedPixelCnn(PixelModel model) {
        super(specOf(model).height(), specOf(model).width(), LevelOutput.channels(model.levels()));
        GatedPixelCnnSpec spec = specOf(model);
        ComputationGraph net = model.network();
        f = spec.filters();
        int layers = spec.layers();
        vertical = new KernelTaps[layers];
        horizontal = new KernelTaps[layers];
        toHorizontal = new float[layers][];
        outWeights = new float[layers][];
        bv = new float[layers][][];
        bh = new float[layers][][];
        labels = model.labels().orElse(null);
        if (spec.classes() > 0 && labels == null) {
            throw new IllegalArgumentException(spec.name() + " is class-conditional: the cached sampler draws given"
                    + " labels; the mixture over labels is drawn by the naive or cropped sampler");
        }
        bo = new float[layers][];
        for (int j = 0; j < layers; j++) {
            String name = TrainedWeights.gatedLayer(j + 1);
            Layer layer = net.getLayer(name);
            INDArray wv = TrainedWeights.maskedKernel(net, name, GatedPixelCnnLayer.VERTICAL);
            INDArray wh = TrainedWeights.maskedKernel(net, name, GatedPixelCnnLayer.HORIZONTAL);
            // the kernels reach (size - 1) rows up and columns left; the vertical one is centred across
            vertical[j] = new KernelTaps(
                    wv,
                    (int) wv.size(0) - 1,
                    (int) wv.size(1) / 2,
                    j == 0 ? KernelTaps.Reach.ROWS_ABOVE : KernelTaps.Reach.ROWS_UP_TO,
                    name);
            horizontal[j] = new KernelTaps(
                    wh, 0, (int) wh.size(1) - 1, j == 0 ? KernelTaps.Reach.BEFORE : KernelTaps.Reach.UP_TO, name);
            toHorizontal[j] = TrainedWeights.floats(layer.getParam(GatedPixelCnnLayer.VERTICAL_TO_HORIZONTAL));
            outWeights[j] = TrainedWeights.floats(layer.getParam(GatedPixelCnnLayer.OUT));
            bv[j] = perLabel(layer, TrainedWeights.GATED_VERTICAL_BIAS, GatedPixelCnnLayer.LABEL_VERTICAL, spec);
            bh[j] = perLabel(layer, TrainedWeights.GATED_HORIZONTAL_BIAS, GatedPixelCnnLayer.LABEL_HORIZONTAL, spec);
            bo[j] = TrainedWeights.floats(layer.getParam(TrainedWeights.GATED_OUT_BIAS));
        }
        out1W = TrainedWeights.floats(TrainedWeights.maskedKernel(net, TrainedWeights.GATED_HIDDEN_OUT));
        out1B = TrainedWeights.floats(TrainedWeights.convBias(net, TrainedWeights.GATED_HIDDEN_OUT));
        head = new PixelHead(
                TrainedWeights.maskedKernel(net, TrainedWeights.GATED_PIXEL_OUT),
                TrainedWeights.convBias(net, TrainedWeights.GATED_PIXEL_OUT));
        pad = spec.kernel() / 2;
        ring = pad + 1;
        z = new float[2 * f];
        gated = new float[f];
        hidden = new float[f];
    }

    private static GatedPixelCnnSpec specOf(PixelModel model) {
        if (!(model.spec() instanceof GatedPixelCnnSpec spec)) {
            throw new IllegalArgumentException(model.spec().name() + " is not a Gated PixelCNN");
        }
        return spec;
    }

    /** A gate bias, plus for each label its embedding: {@code [classes][2f]}, or {@code [1][2f]} when unconditional. */
    private static float[][] perLabel(Layer layer, String bias, String embedding, GatedPixelCnnSpec spec) {
        float[] b = TrainedWeights.floats(layer.getParam(bias));
        if (spec.classes() == 0) {
            return new float[][] {b};
        }
        float[] e = TrainedWeights.floats(layer.getParam(embedding));
        float[][] rows = new float[spec.classes()][b.length];
        for (int y = 0; y < rows.length; y++) {
            for (int q = 0; q < b.length; q++) {
                rows[y][q] = b[q] + e[y * b.length + q];
            }
        }
        return rows;
    }

    /** The bias row of image i: its label's, or the only one. */
    private int row(int i) {
        return labels == null ? 0 : labels[labels.length == 1 ? 0 : i];
    }

    @Override
    protected void advance(int i, int r, int c, float[] out, int offset) {
        if (c == 0) {
            verticalRow(i, r);
        }
        int at = horizontalAt(i, r, c);
        if (out != null) {
            output(h[vertical.length - 1], at, out, offset);
        }
    }

    @Override
    protected void allocate(int n) {
        if (labels != null && labels.length != 1 && labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " images");
        }
        int layers = vertical.length;
        v = new float[layers][n * ring * (width + 2 * pad) * f];
        link = new float[layers][n * width * 2 * f];
        h = new float[layers][n * (pad + width) * f];
    }

    /** Row r of every vertical stack of image i, and its contribution to the horizontal stacks. */
    private void verticalRow(int i, int r) {
        for (int j = 0; j < vertical.length; j++) {
            KernelTaps taps = vertical[j];
            for (int c = 0; c < width; c++) {
                System.arraycopy(bv[j][row(i)], 0, z, 0, 2 * f);
                for (int t = 0; t < taps.taps(); t++) {
                    int rr = r + taps.dy(t);
                    int cc = c + taps.dx(t);
                    if (j == 0) {
                        if (rr >= 0 && cc >= 0 && cc < width) {
                            taps.accumulate(z, 0, t, image, (i * height + rr) * width + cc);
                        }
                    } else {
                        taps.accumulate(z, 0, t, v[j - 1], verticalOffset(i, rr, cc));
                    }
                }
                int l = (i * width + c) * 2 * f;
                System.arraycopy(bh[j][row(i)], 0, link[j], l, 2 * f);
                Dense.multiplyAdd(link[j], l, z, 0, toHorizontal[j], 2 * f, 2 * f);
                if (j < vertical.length - 1) {
                    Dense.gate(z, 0, f, v[j], verticalOffset(i, r, c));
                }
            }
        }
    }

    /** Every horizontal stack at (r, c) of image i, in order; returns the last one's offset there. */
    private int horizontalAt(int i, int r, int c) {
        int at = horizontalOffset(i, c);
        for (int j = 0; j < horizontal.length; j++) {
            KernelTaps taps = horizontal[j];
            System.arraycopy(link[j], (i * width + c) * 2 * f, z, 0, 2 * f);
            for (int t = 0; t < taps.taps(); t++) {
                int cc = c + taps.dx(t);
                if (j == 0) {
                    if (cc >= 0) {
                        taps.accumulate(z, 0, t, image, (i * height + r) * width + cc);
                    }
                } else {
                    taps.accumulate(z, 0, t, h[j - 1], horizontalOffset(i, cc));
                }
            }
            Dense.gate(z, 0, f, gated, 0);
            if (j == 0) {
                System.arraycopy(bo[j], 0, h[j], at, f);
            } else {
                for (int q = 0; q < f; q++) {
                    h[j][at + q] = bo[j][q] + h[j - 1][at + q];
                }
            }
            Dense.multiplyAdd(h[j], at, gated, 0, outWeights[j], f, f);
        }
        return at;
    }

    /** The two 1x1 layers on the last horizontal stack: the pixel's distribution, into {@code out[offset ..]}. */
    private void output(float[] last, int at, float[] out, int offset) {
        System.arraycopy(out1B, 0, hidden, 0, f);
        Dense.multiplyAdd(hidden, 0, last, at, out1W, f, f);
        Dense.relu(hidden, 0, f);
        head.apply(hidden, 0, out, offset);
    }

    private int verticalOffset(int i, int r, int c) {
        return ((i * ring + Math.floorMod(r, ring)) * (width + 2 * pad) + c + pad) * f;
    }

    private int horizontalOffset(int i, int c) {
        return (i * (pad + width) + pad + c) * f;
    }
}
