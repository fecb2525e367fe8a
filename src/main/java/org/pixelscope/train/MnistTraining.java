package org.pixelscope.train;

import org.pixelscope.data.Binarization;
import org.pixelscope.data.BinarizedIterator;
import org.pixelscope.data.GreyLevels;
import org.pixelscope.data.ImageSet;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.ModelSpec;

/**
 * The standard way PixelScope trains on MNIST, shared by the CLI and the GUI: the first 55,000
 * training images, binarised stochastically afresh each epoch ("dynamic binarisation", which
 * keeps a 28x28 binary model from memorising one draw) and reshuffled each epoch; the last 5,000
 * as validation, binarised once with the fixed test seed. Every batch carries its images' digit
 * labels ({@link org.pixelscope.data.BatchLabels}): a class-conditional model trains on them, an
 * unconditional one ignores them. A model with K &gt; 2 grey levels reads every split quantised
 * instead, {@code level = floor(v * K / 256)} ({@link GreyLevels}), still reshuffled each epoch.
 */
public final class MnistTraining {

    /** Validation images for a limited run: a quarter of the limit, at least this many. */
    static final int MIN_VALIDATION = 200;

    /**
     * 100 images per forward pass when evaluating: no optimizer step depends on it, so the NLL is
     * the same for any batch; 100 images of the chapter PixelCNN (~0.4 M activation values each)
     * hold ~160 MB of activations.
     */
    public static final int EVALUATION_BATCH = 100;

    private MnistTraining() {}

    /** Training data for a binary model. */
    public static TrainingData of(MnistData mnist, TrainingConfig config) {
        return of(mnist, config, GreyLevels.BINARY);
    }

    /** Training data for a model with {@code levels} grey levels (K = 2: binarised as {@link #of(MnistData, TrainingConfig)}). */
    public static TrainingData of(MnistData mnist, TrainingConfig config, GreyLevels levels) {
        ImageSet train = mnist.train();
        ImageSet validation = mnist.validation();
        byte[] trainLabels = mnist.trainLabelsOnly();
        byte[] validationLabels = mnist.validationLabels();
        if (train.count() == 0 || validation.count() == 0) {
            throw new IllegalArgumentException(String.format(
                    "%s holds %,d images: too few to train on some and "
                            + "validate on the rest (the last %,d, or 20%% of a smaller file, validate)",
                    mnist.trainImagesFile(), mnist.trainAll().count(), MnistData.VALIDATION_SIZE));
        }
        if (config.limit() > 0) {
            train = train.limit(config.limit());
            validation = validation.limit(Math.max(MIN_VALIDATION, config.limit() / 4));
        }
        BinarizedIterator trainIt = new BinarizedIterator(
                        train, config.batchSize(), Binarization.STOCHASTIC, config.seed(), true)
                .labelled(java.util.Arrays.copyOf(trainLabels, train.count()))
                .withLevels(levels);
        BinarizedIterator validIt = BinarizedIterator.evaluation(
                        validation, Math.max(config.batchSize(), EVALUATION_BATCH))
                .labelled(java.util.Arrays.copyOf(validationLabels, validation.count()))
                .withLevels(levels);
        String description = levels.binary()
                ? String.format(
                        "MNIST %s, %,d images, stochastic binarisation per epoch; validation %,d",
                        train.name(), train.count(), validation.count())
                : String.format(
                        "MNIST %s, %,d images, %s (floor(v * %d / 256)); validation %,d",
                        train.name(), train.count(), levels.describe(), levels.levels(), validation.count());
        return new TrainingData(trainIt, train.count(), validIt, description);
    }

    /**
     * Checks that {@code mnist}'s images have the size {@code spec} draws, so a mismatch is one
     * sentence rather than a shape error from inside the network.
     *
     * @throws IllegalArgumentException naming both sizes
     */
    public static void requireSize(MnistData mnist, ModelSpec spec) {
        ImageSet images = mnist.trainAll();
        if (images.rows() != spec.height() || images.cols() != spec.width()) {
            throw new IllegalArgumentException(String.format(
                    "%s holds %dx%d images, but %s draws %dx%d images",
                    mnist.source(), images.rows(), images.cols(), spec.name(), spec.height(), spec.width()));
        }
    }

    /**
     * The first {@code limit} images of a split (0 = all) under the fixed binarisation that
     * PixelScope's reported NLLs use, {@link #EVALUATION_BATCH} at a time.
     */
    public static BinarizedIterator evaluation(ImageSet images, int limit) {
        return BinarizedIterator.evaluation(limit > 0 ? images.limit(limit) : images, EVALUATION_BATCH);
    }

    /** {@link #evaluation(ImageSet, int)} with each image's label ({@code labels[i]} for image i) on its batch. */
    public static BinarizedIterator evaluation(ImageSet images, byte[] labels, int limit) {
        BinarizedIterator it = evaluation(images, limit);
        return it.labelled(java.util.Arrays.copyOf(labels, it.images()));
    }

    /** {@link #evaluation(ImageSet, int)} for a model with {@code levels} grey levels (quantised for K &gt; 2). */
    public static BinarizedIterator evaluation(ImageSet images, int limit, GreyLevels levels) {
        return evaluation(images, limit).withLevels(levels);
    }

    /** {@link #evaluation(ImageSet, byte[], int)} for a model with {@code levels} grey levels. */
    public static BinarizedIterator evaluation(ImageSet images, byte[] labels, int limit, GreyLevels levels) {
        return evaluation(images, labels, limit).withLevels(levels);
    }
}
