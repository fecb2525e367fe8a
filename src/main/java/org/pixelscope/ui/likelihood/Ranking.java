package org.pixelscope.ui.likelihood;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.pixelscope.train.Metrics;

/**
 * Test images ordered by their NLL under one model: the most likely (lowest NLL) and the least
 * likely (highest NLL) few, each with its binarised pixels for a thumbnail, so the FX thread
 * only draws them.
 *
 * <p>Thread: built on a worker; immutable by convention, safe to share.
 *
 * @param scored       images scored
 * @param mostLikely   the lowest-NLL images, lowest first
 * @param leastLikely  the highest-NLL images, highest first
 * @param meanNats     the mean NLL over every scored image, in nats
 */
public record Ranking(int scored, List<Entry> mostLikely, List<Entry> leastLikely, double meanNats) {

    /** How many images each end of the ranking lists. */
    public static final int SHOWN = 12;

    public Ranking {
        mostLikely = List.copyOf(mostLikely);
        leastLikely = List.copyOf(leastLikely);
    }

    /**
     * One ranked image.
     *
     * @param index  its number in the test set
     * @param label  its digit (or folder label), -1 if unknown
     * @param nats   its NLL in nats
     * @param pixels its binarised pixels, raster order
     */
    public record Entry(int index, int label, double nats, float[] pixels) {

        public double bitsPerDim() {
            return Metrics.bitsPerDim(nats, pixels.length);
        }
    }

    /**
     * Ranks images by {@code nats} (one per image, in test-set order).
     *
     * @param labels one per image, or null
     * @param pixels the binarised pixels of image {@code i}; asked only for the images listed
     */
    public static Ranking of(double[] nats, byte[] labels, int shown, IntFunction<float[]> pixels) {
        Integer[] order = IntStream.range(0, nats.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> nats[i]));
        int n = Math.min(shown, nats.length);
        IntFunction<Entry> entry = i -> new Entry(i, labels == null ? -1 : labels[i] & 0xFF, nats[i], pixels.apply(i));
        List<Entry> low =
                IntStream.range(0, n).map(k -> order[k]).mapToObj(entry).toList();
        List<Entry> high = IntStream.range(0, n)
                .map(k -> order[nats.length - 1 - k])
                .mapToObj(entry)
                .toList();
        return new Ranking(nats.length, low, high, Arrays.stream(nats).average().orElse(Double.NaN));
    }
}
