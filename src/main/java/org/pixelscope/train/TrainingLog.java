package org.pixelscope.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The growing history of a training run.
 *
 * <p>Thread: written by the trainer's thread, read (as snapshots) from any thread.
 */
public final class TrainingLog {

    private long seed;
    private final List<TrainingHistory.LossPoint> losses = new ArrayList<>();
    private final List<TrainingHistory.EpochPoint> validation = new ArrayList<>();
    private String data;
    private int epochs;
    private int iterations;

    /** Continues {@code previous} (a fresh model passes {@link TrainingHistory#empty}). */
    public TrainingLog(TrainingHistory previous) {
        this.seed = previous.seed();
        this.data = previous.data();
        this.epochs = previous.epochs();
        this.iterations = previous.iterations();
        losses.addAll(previous.losses());
        validation.addAll(previous.validation());
    }

    /**
     * A run with {@code runSeed} begins: an untrained model's history takes that seed; a trained
     * one must already have it ({@link TrainingHistory#requireSeed}).
     */
    public synchronized void begin(long runSeed) {
        TrainingHistory now = snapshot();
        if (now.started()) {
            now.requireSeed(runSeed);
        } else {
            seed = runSeed;
        }
    }

    public synchronized void data(String description) {
        this.data = description;
    }

    public synchronized void iteration(int iteration, int epoch, double nats) {
        iterations = iteration;
        losses.add(new TrainingHistory.LossPoint(iteration, epoch, nats));
    }

    public synchronized void epoch(int epoch, int iteration, Metrics.Nll nll) {
        epochs = epoch;
        validation.add(new TrainingHistory.EpochPoint(epoch, iteration, nll.nats(), nll.bitsPerDim()));
    }

    /** Marks an epoch complete when there is no validation set. */
    public synchronized void epoch(int epoch) {
        epochs = epoch;
    }

    public synchronized int iterations() {
        return iterations;
    }

    public synchronized int epochs() {
        return epochs;
    }

    public synchronized TrainingHistory snapshot() {
        return new TrainingHistory(epochs, iterations, seed, data, losses, validation);
    }
}
