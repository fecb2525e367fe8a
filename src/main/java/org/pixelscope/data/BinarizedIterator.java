package org.pixelscope.data;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batches of binarised images for a binary PixelCNN: features {@code [N, 1, rows, cols]}
 * float32 (NCHW) of 0/1, and labels equal to the features (the model predicts its own input,
 * pixel by pixel). The last, partial batch is included. {@link #withLevels} makes it serve a
 * K-level model instead: features {@code l / (K - 1)} of quantised levels ({@link GreyLevels}).
 *
 * <p>Epochs count from 0 and go up by one on each {@link #reset()}. Epoch {@code e} binarises
 * {@link Binarization#STOCHASTIC} with seed {@code seed + e} (dynamic binarisation: a fresh draw
 * each pass) and, when shuffling, orders the images by a permutation seeded by {@code seed + e}.
 * So two iterators built alike give identical batches in the same epoch. {@link #fixed}
 * instead keeps one draw and one order for every epoch, as evaluation needs. A {@link #labelled}
 * iterator also attaches each image's class label to its batch ({@link BatchLabels}).
 *
 * <p>Thread: one consumer at a time (the trainer's thread); not thread-safe. Asynchronous
 * prefetch is declined ({@link #asyncSupported()} is false) because PixelScope owns its threads.
 */
public final class BinarizedIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final ImageSet set;
    private final int batchSize;
    private final Binarization mode;
    private final long seed;
    private final boolean shuffle;
    private final boolean dynamic;
    /** One label per image of {@link #set}, or null. */
    private final byte[] labels;
    /** K = 2 binarises by {@link #mode}; K &gt; 2 quantises ({@link GreyLevels}). */
    private final GreyLevels levels;

    private int epoch;
    private int cursor;
    private int[] order;
    private DataSetPreProcessor preProcessor;

    /**
     * A training iterator: a fresh binarisation (and order, if {@code shuffle}) each epoch.
     *
     * @param set       the images
     * @param batchSize images per batch, {@code >= 1}
     * @param mode      how pixels become bits
     * @param seed      base seed of binarisation and shuffling
     * @param shuffle   whether each epoch visits the images in a new random order
     */
    public BinarizedIterator(ImageSet set, int batchSize, Binarization mode, long seed, boolean shuffle) {
        this(set, batchSize, mode, seed, shuffle, true, null, GreyLevels.BINARY);
    }

    private BinarizedIterator(
            ImageSet set,
            int batchSize,
            Binarization mode,
            long seed,
            boolean shuffle,
            boolean dynamic,
            byte[] labels,
            GreyLevels levels) {
        this.set = Objects.requireNonNull(set, "set");
        this.mode = Objects.requireNonNull(mode, "mode");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.seed = seed;
        this.shuffle = shuffle;
        this.dynamic = dynamic;
        if (labels != null && labels.length != set.count()) {
            throw new IllegalArgumentException(
                    set.name() + ": " + labels.length + " labels for " + set.count() + " images");
        }
        this.labels = labels;
        this.levels = Objects.requireNonNull(levels, "levels");
        resetTo(0);
    }

    /**
     * The same iterator, from epoch 0, attaching {@code labels[i]} (0..255, one per image of the
     * set) to image i's batch: the same bits and order as without them.
     */
    public BinarizedIterator labelled(byte[] labels) {
        return new BinarizedIterator(set, batchSize, mode, seed, shuffle, dynamic, labels.clone(), levels);
    }

    /**
     * The same iterator, from epoch 0, for a model with {@code levels} grey levels: K = 2 gives the
     * same bits as before; K &gt; 2 gives each image's quantised levels as inputs {@code l / (K - 1)}
     * (the same every epoch; only the order still changes).
     */
    public BinarizedIterator withLevels(GreyLevels levels) {
        return new BinarizedIterator(set, batchSize, mode, seed, shuffle, dynamic, labels, levels);
    }

    /** The grey levels the batches hold. */
    public GreyLevels levels() {
        return levels;
    }

    /** The same bits in the same order every epoch: binarised with {@code seed}, not shuffled. */
    public static BinarizedIterator fixed(ImageSet set, int batchSize, Binarization mode, long seed) {
        return new BinarizedIterator(set, batchSize, mode, seed, false, false, null, GreyLevels.BINARY);
    }

    /** The fixed test binarisation: {@link Binarization#STOCHASTIC}, seed {@link Binarization#FIXED_TEST_SEED}. */
    public static BinarizedIterator evaluation(ImageSet set, int batchSize) {
        return fixed(set, batchSize, Binarization.STOCHASTIC, Binarization.FIXED_TEST_SEED);
    }

    /** Starts epoch {@code epoch} from its first batch, e.g. when resuming from a checkpoint. */
    public void resetTo(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        this.epoch = epoch;
        this.cursor = 0;
        this.order = shuffle ? permutation(set.count(), epochSeed()) : null;
    }

    /** The current epoch, 0 before the first {@link #reset()}. */
    public int epoch() {
        return epoch;
    }

    /** Images per epoch. */
    public int images() {
        return set.count();
    }

    @Override
    public boolean hasNext() {
        return cursor < set.count();
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " of " + set.name() + " is done");
        }
        if (num < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + num);
        }
        int n = Math.min(num, set.count() - cursor);
        int pixels = set.pixelsPerImage();
        float[] data = new float[n * pixels];
        int[] batchLabels = labels == null ? null : new int[n];
        long bitsSeed = epochSeed();
        for (int k = 0; k < n; k++) {
            int image = order == null ? cursor + k : order[cursor + k];
            levels.inputsInto(set, image, mode, bitsSeed, data, k * pixels);
            if (batchLabels != null) {
                batchLabels[k] = Byte.toUnsignedInt(labels[image]);
            }
        }
        cursor += n;
        INDArray features = Nd4j.create(data, new long[] {n, 1, set.rows(), set.cols()}, 'c');
        // A copy, not the same array: a pre-processor or in-place op on the input must not
        // change the target.
        DataSet batch = new DataSet(features, features.dup());
        if (batchLabels != null) {
            BatchLabels.attach(batch, batchLabels);
        }
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public void reset() {
        resetTo(epoch + 1);
    }

    @Override
    public int inputColumns() {
        return set.pixelsPerImage();
    }

    @Override
    public int totalOutcomes() {
        return set.pixelsPerImage();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** No class names: the labels are pixels, not classes. */
    @Override
    public List<String> getLabels() {
        return null;
    }

    private long epochSeed() {
        return dynamic ? seed + epoch : seed;
    }

    /** Fisher–Yates shuffle of {@code 0..n-1}. */
    private static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
