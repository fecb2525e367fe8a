package org.pixelscope.train;

/**
 * Hyperparameters of one training run. Defaults carry their reason.
 *
 * @param epochs       passes over the training images
 * @param batchSize    images per optimizer step
 * @param learningRate Adam step size
 * @param seed         fixes initial weights, binarisation and shuffling, so CLI and GUI runs
 *                     reproduce each other
 * @param limit        use only the first {@code limit} training images (0 = all)
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, long seed, int limit) {

    /** 3 epochs: enough for the chapter PixelCNN to draw clear digits (~20 min on 2 cores). */
    public static final int DEFAULT_EPOCHS = 3;
    /** 64: the chapter's batch size, and where the oneDNN convolutions run near full speed. */
    public static final int DEFAULT_BATCH = 64;
    /** 1e-3: Adam's usual step size; stable for every PixelScope model. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    /** 42: any fixed value works; fixed so a first run is reproducible. */
    public static final long DEFAULT_SEED = 42;
    /** 10,000 epochs: over two years for the chapter model on 2 cores; more is a typo. */
    public static final int MAX_EPOCHS = 10_000;
    /** 512 images per step: a batch of 500 already took 2.1 GB for the chapter model. */
    public static final int MAX_BATCH = 512;

    public TrainingConfig {
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw new IllegalArgumentException(String.format("epochs must be 1 to %,d, got %,d", MAX_EPOCHS, epochs));
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException(
                    String.format("batch size must be 1 to %d (memory grows with it), got %,d", MAX_BATCH, batchSize));
        }
        // any finite positive rate: the GUI lets users try wild ones, and the trainer's divergence
        // guard stops what goes wrong; the command line bounds it further (train --lr)
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("data limit must be 0 (all) or positive, got " + limit);
        }
    }

    public static TrainingConfig defaults() {
        return new TrainingConfig(DEFAULT_EPOCHS, DEFAULT_BATCH, DEFAULT_LEARNING_RATE, DEFAULT_SEED, 0);
    }

    public TrainingConfig withEpochs(int value) {
        return new TrainingConfig(value, batchSize, learningRate, seed, limit);
    }

    public TrainingConfig withBatchSize(int value) {
        return new TrainingConfig(epochs, value, learningRate, seed, limit);
    }

    public TrainingConfig withLearningRate(double value) {
        return new TrainingConfig(epochs, batchSize, value, seed, limit);
    }

    public TrainingConfig withSeed(long value) {
        return new TrainingConfig(epochs, batchSize, learningRate, value, limit);
    }

    public TrainingConfig withLimit(int value) {
        return new TrainingConfig(epochs, batchSize, learningRate, seed, value);
    }
}
