package org.pixelscope.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pixelscope.model.LevelOutput;
import org.pixelscope.model.PixelModel;

/**
 * Starts a new model from a trained one's weights ({@code train --init-from}): every parameter
 * array whose layer and name the source also has is copied; an array the source lacks starts at
 * zero. The use it exists for: the class-conditional Gated PixelCNN from the pretrained
 * unconditional one. Its only extra arrays are the label embeddings, which add to the gates, so at
 * zero the new model computes exactly what the source computes, and training only has to learn
 * what the label adds. Optimizer state and training history are not carried over.
 *
 * <p>The other use: a grey-level model (K levels) from a binary one, or from another K. Only the
 * per-pixel output layer differs then (K channels instead of one), so its arrays start at zero and
 * everything below it, which has learnt what digits look like, is copied: a pixel's input is
 * {@code level / (K - 1)} in [0, 1] for every K, the scale the binary model read its 0/1 pixels
 * on. At zero the new output gives every level 1/K, so training starts at the uniform model's
 * loss; a randomly initialised output layer started a Gated PixelCNN at 4,539 nats instead of
 * 1,087 (784 ln 4), and its large errors would flow into the copied layers.
 */
public final class WarmStart {

    /** What was copied, as counts of parameter arrays and of values. */
    public record Report(
            int copiedArrays, long copiedValues, List<String> zeroed, List<String> fresh, List<String> unused) {
        public String describe() {
            StringBuilder s = new StringBuilder(
                    String.format("copied %d parameter arrays (%,d values)", copiedArrays, copiedValues));
            if (!zeroed.isEmpty()) {
                s.append("; starting at zero, as the source has no such array: ")
                        .append(String.join(", ", zeroed));
            }
            if (!fresh.isEmpty()) {
                s.append("; starting at zero (uniform over the levels), as the output has other grey levels: ")
                        .append(String.join(", ", fresh));
            }
            if (!unused.isEmpty()) {
                s.append("; not used, as the new model has no such array: ").append(String.join(", ", unused));
            }
            return s.toString();
        }
    }

    private WarmStart() {}

    /**
     * Copies {@code source}'s matching parameters into {@code target} (in place).
     *
     * @throws IllegalArgumentException when the two share no parameter array, or one they share
     *     has a different shape (which would be a different layer under the same name) other than
     *     the output's level channels
     */
    public static Report copy(PixelModel source, PixelModel target) {
        Map<String, INDArray> from = source.network().paramTable();
        Map<String, INDArray> to = target.network().paramTable();
        int copied = 0;
        long values = 0;
        List<String> zeroed = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        List<String> outputLayers = outputLayers(target);
        for (Map.Entry<String, INDArray> e : to.entrySet()) {
            INDArray src = from.get(e.getKey());
            if (src == null) {
                zeroed.add(e.getKey());
                continue;
            }
            if (levelChannelsDiffer(src.shape(), e.getValue().shape(), source.levels(), target.levels())
                    && outputLayers.stream().anyMatch(layer -> e.getKey().startsWith(layer + "_"))) {
                fresh.add(e.getKey());
                continue;
            }
            if (!Arrays.equals(src.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException(String.format(
                        "%s's %s has shape %s, but %s's has %s: not the same layer, so its weights cannot start it",
                        source.spec().name(),
                        e.getKey(),
                        Arrays.toString(src.shape()),
                        target.spec().name(),
                        Arrays.toString(e.getValue().shape())));
            }
            copied++;
            values += src.length();
        }
        if (copied == 0) {
            throw new IllegalArgumentException(source.spec().name() + " and "
                    + target.spec().name() + " share no parameter array (no layer with the same name and parameter)");
        }
        for (Map.Entry<String, INDArray> e : to.entrySet()) {
            INDArray src = from.get(e.getKey());
            if (src == null || fresh.contains(e.getKey())) {
                e.getValue().assign(0);
            } else {
                e.getValue().assign(src); // paramTable holds views of the flat parameter vector
            }
        }
        List<String> unused = new ArrayList<>();
        for (String key : from.keySet()) {
            if (!to.containsKey(key)) {
                unused.add(key);
            }
        }
        return new Report(copied, values, List.copyOf(zeroed), List.copyOf(fresh), List.copyOf(unused));
    }

    /** The network's outputs and the vertices feeding them: where the per-pixel level output sits. */
    private static List<String> outputLayers(PixelModel model) {
        var conf = model.network().getConfiguration();
        List<String> out = new ArrayList<>();
        for (String name : conf.getNetworkOutputs()) {
            out.add(name);
            out.addAll(conf.getVertexInputs().getOrDefault(name, List.of()));
        }
        return out;
    }

    /**
     * Whether two arrays are the output layer's for two different level counts: the same shape
     * but for its last axis (output channels), which holds each model's level channels.
     */
    private static boolean levelChannelsDiffer(long[] from, long[] to, int fromLevels, int toLevels) {
        if (fromLevels == toLevels || from.length != to.length || from.length == 0) {
            return false;
        }
        int last = from.length - 1;
        return from[last] == LevelOutput.channels(fromLevels)
                && to[last] == LevelOutput.channels(toLevels)
                && Arrays.equals(Arrays.copyOf(from, last), Arrays.copyOf(to, last));
    }
}
