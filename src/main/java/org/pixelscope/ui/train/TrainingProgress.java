package org.pixelscope.ui.train;

import java.util.Locale;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.pixelscope.train.Durations;
import org.pixelscope.train.TrainingEvent;

/**
 * The progress read-out of a run: epoch, iteration, throughput, time left, last losses, counted
 * within the run (a run that continues a checkpoint still starts at "epoch 1 of N").
 *
 * <p>Thread: FX only (fed with batched trainer events).
 */
public final class TrainingProgress {

    private final ReadOnlyStringWrapper epoch = new ReadOnlyStringWrapper(this, "epoch", "–");
    private final ReadOnlyStringWrapper iteration = new ReadOnlyStringWrapper(this, "iteration", "–");
    private final ReadOnlyStringWrapper speed = new ReadOnlyStringWrapper(this, "speed", "–");
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper(this, "eta", "–");
    private final ReadOnlyStringWrapper loss = new ReadOnlyStringWrapper(this, "loss", "–");
    private final ReadOnlyStringWrapper validation = new ReadOnlyStringWrapper(this, "validation", "–");
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(this, "fraction", 0);
    private int firstIteration;
    private int firstEpoch;
    private int totalIterations;
    private int epochs;
    private int currentEpoch;

    public ReadOnlyStringProperty epochProperty() {
        return epoch.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty iterationProperty() {
        return iteration.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty speedProperty() {
        return speed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty etaProperty() {
        return eta.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lossProperty() {
        return loss.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty validationProperty() {
        return validation.getReadOnlyProperty();
    }

    /** Share of the run's iterations done, 0..1. */
    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    /** Clears the read-out (a new model). */
    public void reset() {
        for (ReadOnlyStringWrapper p : new ReadOnlyStringWrapper[] {epoch, iteration, speed, eta, loss, validation}) {
            p.set("–");
        }
        fraction.set(0);
    }

    /** A run began; {@code completedEpochs} is how many epochs the model had before it. */
    void started(TrainingEvent.Started e, int completedEpochs) {
        firstIteration = e.firstIteration();
        totalIterations = e.totalIterations();
        firstEpoch = completedEpochs;
        epochs = e.config().epochs();
        currentEpoch = 1;
        fraction.set(0);
        epoch.set(String.format(Locale.ROOT, "1 of %d", epochs));
        iteration.set(String.format(Locale.ROOT, "0 of %,d", totalIterations));
        speed.set("–");
        eta.set("–");
    }

    void iteration(TrainingEvent.Iteration e) {
        int done = e.iteration() - firstIteration;
        currentEpoch = e.epoch() - firstEpoch;
        epoch.set(String.format(Locale.ROOT, "%d of %d", currentEpoch, epochs));
        iteration.set(String.format(Locale.ROOT, "%,d of %,d", done, totalIterations));
        speed.set(String.format(Locale.ROOT, "%.1f images/s", e.imagesPerSecond()));
        eta.set(Durations.format(e.eta()));
        loss.set(String.format(Locale.ROOT, "%.2f nats (%.4f bits/dim)", e.lossNats(), e.bitsPerDim()));
        fraction.set(totalIterations == 0 ? 0 : Math.min(1, done / (double) totalIterations));
    }

    void epochEnd(TrainingEvent.EpochEnd e) {
        validation.set(String.format(
                Locale.ROOT,
                "%.2f nats (%.4f bits/dim) after epoch %d",
                e.validation().nats(),
                e.validation().bitsPerDim(),
                e.epoch() - firstEpoch));
    }

    /** The status bar line, e.g. {@code Training: epoch 2 of 3, 45%}. */
    String statusLine() {
        return String.format(
                Locale.ROOT,
                "Training: epoch %d of %d, %.0f%%",
                Math.max(1, currentEpoch),
                epochs,
                fraction.get() * 100);
    }
}
