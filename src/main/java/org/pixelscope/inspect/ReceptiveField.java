package org.pixelscope.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pixelscope.model.LayerNames;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;

/**
 * Which input pixels each layer's output at each position actually depends on, measured on the
 * model's own graph (masks included) rather than derived from kernel sizes.
 *
 * <p>How: a copy of the network gets every weight 1 and every bias 0, so a blank image gives
 * exactly zero in every hidden unit and any path from an input pixel adds a positive amount (no
 * ReLU cuts it, nothing cancels). H*W copies of the blank image, each with one pixel set, go
 * through it; an activation depends on input j exactly when setting j moves it.
 * Masked taps stay exactly zero because the mask is part of the graph, so the blind spot of a
 * stacked masked-conv PixelCNN shows up as it really is.
 *
 * <p>{@code dependsOn(layer)[k][j]}: the layer's output at raster position k reads input j.
 * Only layers with image-shaped outputs {@code [N, C, H, W]} are listed, in network order; the
 * last is the model's output. Thread: any (works on a copy); about a second for 28x28.
 */
public final class ReceptiveField {

    private static final int CHUNK = 112;

    private final int height;
    private final int width;
    private final Map<String, boolean[][]> dependsOn;

    private ReceptiveField(int height, int width, Map<String, boolean[][]> dependsOn) {
        this.height = height;
        this.width = width;
        this.dependsOn = dependsOn;
    }

    /**
     * A class-conditional model is measured under its first label (or the one it is bound to): the
     * label adds a constant to every gate and reaches no pixel, so every label gives the same field.
     */
    public static ReceptiveField measure(PixelModel model) {
        PixelModel labelled = model.conditional() && model.labels().isEmpty() ? model.given(0) : model;
        ComputationGraph net = model.network().clone();
        positiveWeights(net);
        int h = model.spec().height();
        int w = model.spec().width();
        int n = h * w;
        Map<String, INDArray> base = net.feedForward(labelled.inputs(Nd4j.zeros(DataType.FLOAT, 1, 1, h, w)), false);
        Map<String, boolean[][]> deps = new LinkedHashMap<>();
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            INDArray batch = Nd4j.zeros(DataType.FLOAT, to - from, 1, h, w);
            for (int j = from; j < to; j++) {
                batch.putScalar(new long[] {j - from, 0, j / w, j % w}, 1f);
            }
            Map<String, INDArray> acts = net.feedForward(labelled.inputs(batch), false);
            for (Map.Entry<String, INDArray> e : acts.entrySet()) {
                INDArray a = e.getValue();
                if (plumbing(net, e.getKey()) || a.rank() != 4 || a.size(2) != h || a.size(3) != w) {
                    continue;
                }
                // with every weight 1 a K-level model's K logits are equal and their softmax flat; the
                // softmax mixes the channels of one pixel only, so the logits' field is the output's
                if (model.levels() > 2 && e.getKey().equals(NetworkBuilder.OUTPUT)) {
                    continue;
                }
                // max over channels of |a - base| -> [chunk, H*W]
                INDArray diff = a.sub(base.get(e.getKey())).amax(1).reshape(to - from, n);
                boolean[][] d = deps.computeIfAbsent(e.getKey(), k -> new boolean[n][n]);
                float[] flat = diff.dup('c').data().asFloat();
                for (int j = from; j < to; j++) {
                    for (int k = 0; k < n; k++) {
                        if (flat[(j - from) * n + k] > 0) {
                            d[k][j] = true;
                        }
                    }
                }
            }
        }
        return new ReceptiveField(h, w, order(net, deps));
    }

    /** The inputs, and the vertices that only join a layer's input with the label: not layers of their own. */
    private static boolean plumbing(ComputationGraph net, String vertex) {
        return vertex.equals(NetworkBuilder.INPUT)
                || vertex.equals(LayerNames.LABEL)
                || net.getConfiguration()
                        .getVertexInputs()
                        .getOrDefault(vertex, List.of())
                        .contains(LayerNames.LABEL);
    }

    /** Layer names with a measured field, input side first. */
    public List<String> layers() {
        return new ArrayList<>(dependsOn.keySet());
    }

    /** {@code field[r][c]}: output of {@code layer} at (row, col) reads input (r, c). */
    public boolean[][] field(String layer, int row, int col) {
        boolean[] d = dependsOn.get(layer)[row * width + col];
        boolean[][] grid = new boolean[height][width];
        for (int j = 0; j < d.length; j++) {
            grid[j / width][j % width] = d[j];
        }
        return grid;
    }

    /** The model output's field (the last layer). */
    public boolean[][] outputField(int row, int col) {
        List<String> names = layers();
        return field(names.get(names.size() - 1), row, col);
    }

    /**
     * Pixels before (row, col) in raster order that the output there cannot see: the blind spot.
     * Empty for a model whose context is the whole causal region.
     */
    public int blindSpotSize(int row, int col) {
        boolean[][] f = outputField(row, col);
        int blind = 0;
        for (int k = 0; k < row * width + col; k++) {
            if (!f[k / width][k % width]) {
                blind++;
            }
        }
        return blind;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    private static void positiveWeights(ComputationGraph net) {
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
                // biases 0, so that a blank image leaves every unit at exactly 0 (tanh and the gates included)
                p.getValue().assign(conf.initializer().isBiasParam(conf, p.getKey()) ? 0 : 1);
            }
        }
    }

    private static Map<String, boolean[][]> order(ComputationGraph net, Map<String, boolean[][]> deps) {
        Map<String, boolean[][]> ordered = new LinkedHashMap<>();
        for (String name : net.getConfiguration().getTopologicalOrderStr()) {
            if (deps.containsKey(name)) {
                ordered.put(name, deps.get(name));
            }
        }
        return ordered;
    }
}
