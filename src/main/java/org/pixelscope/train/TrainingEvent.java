package org.pixelscope.train;

import java.time.Duration;

/**
 * What a {@link Trainer} tells its listener. Records, so any thread may read them; the trainer
 * publishes them from its own thread.
 */
public sealed interface TrainingEvent {

    /** Training began (or resumed from a checkpoint at {@code firstIteration}). */
    record Started(TrainingConfig config, int totalIterations, int firstIteration) implements TrainingEvent {}

    /**
     * One optimizer step finished.
     *
     * @param lossNats        the batch's mean NLL per image, nats (= sum of per-pixel BCE)
     * @param bitsPerDim      the same loss per pixel in bits
     * @param imagesPerSecond throughput over the recent steps
     * @param eta             estimated time to the end of the run
     */
    record Iteration(
            int iteration,
            int epoch,
            int totalIterations,
            double lossNats,
            double bitsPerDim,
            double imagesPerSecond,
            Duration eta)
            implements TrainingEvent {}

    /** An epoch finished; the validation NLL of the model at this point. */
    record EpochEnd(int epoch, int iteration, Metrics.Nll validation) implements TrainingEvent {}

    /** The trainer is waiting between iterations until resumed. */
    record Paused(int iteration) implements TrainingEvent {}

    /** The trainer continues after a pause. */
    record Resumed(int iteration) implements TrainingEvent {}

    /** The run ended: completed, stopped by the user, or failed (message says why). */
    record Finished(Outcome outcome, int iteration, String message) implements TrainingEvent {}

    /** How a run ended. */
    enum Outcome {
        COMPLETED,
        STOPPED,
        DIVERGED,
        FAILED
    }
}
