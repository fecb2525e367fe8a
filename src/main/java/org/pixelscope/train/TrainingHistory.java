package org.pixelscope.train;

import java.util.List;

/**
 * What a model has been through: the training.json of a checkpoint and the data behind the
 * curves. Immutable; {@link TrainingLog} builds it while a run goes on.
 *
 * @param epochs     completed epochs
 * @param iterations completed optimizer steps
 * @param seed       seed of the run that produced the weights
 * @param data       the training data, e.g. {@code MNIST train[0:55000], stochastic binarisation}
 * @param losses     training loss per iteration, nats per image
 * @param validation validation NLL per completed epoch
 */
public record TrainingHistory(
        int epochs, int iterations, long seed, String data, List<LossPoint> losses, List<EpochPoint> validation) {

    public TrainingHistory {
        losses = List.copyOf(losses);
        validation = List.copyOf(validation);
    }

    /** An untrained model's history. */
    public static TrainingHistory empty(long seed) {
        return new TrainingHistory(0, 0, seed, "none", List.of(), List.of());
    }

    /** Whether the weights have been trained at all (a first run may still pick its seed). */
    public boolean started() {
        return epochs > 0 || iterations > 0;
    }

    /**
     * Checks that a run with {@code runSeed} may continue this history. Epoch {@code e}'s
     * binarisation and order are a function of {@code (seed, e)}, so a trained model continues
     * with the seed it was trained with: that is what makes "1 epoch, then 2 more" equal
     * "3 epochs", and what keeps the recorded seed true.
     *
     * @throws IllegalArgumentException naming both seeds
     */
    public void requireSeed(long runSeed) {
        if (started() && runSeed != seed) {
            throw new IllegalArgumentException(String.format(
                    "this model was trained with seed %d and continues with it (epoch %d's data order and "
                            + "binarisation follow from the seed); seed %d applies only to a new model",
                    seed, epochs + 1, runSeed));
        }
    }

    /** Training loss of one iteration. */
    public record LossPoint(int iteration, int epoch, double nats) {}

    /** Validation NLL after an epoch. */
    public record EpochPoint(int epoch, int iteration, double nats, double bitsPerDim) {}
}
