package org.pixelscope.train;

import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.nd4j.linalg.dataset.DataSet;
import org.pixelscope.model.PixelModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a {@link PixelModel} batch by batch and tells a listener about every step.
 *
 * <p>Thread: {@link #run()} fits on the calling thread (the CLI, tests, or the GUI's job
 * runner), which owns the model until it returns. {@link #pause()}, {@link #resume()},
 * {@link #stop()} and {@link #setLearningRate} may be called from any thread and take effect
 * between iterations. The listener is called on the training thread; it must be quick (the GUI
 * hands events to a batcher).
 *
 * <p>{@link #between} lets other threads read the model safely (a copy for sampling, a
 * checkpoint) at the next iteration boundary, or at once when the run is paused or over.
 *
 * <p>Divergence ({@link DivergenceGuard}: a non-finite loss or weight, or a loss far above its
 * recent median for several steps in a row) ends the run as
 * {@link TrainingEvent.Outcome#DIVERGED} with the weights and the optimizer state restored to
 * the last ones that scored a normal loss, so nothing trained before the trouble is lost and
 * the model can train on at a lower learning rate.
 *
 * <p>Epochs continue the model's history: the run's first epoch is number
 * {@code history epochs + 1}, and {@link TrainingData#startEpoch} gives every epoch the data
 * order and binarisation of that number, with the history's seed. So with the optimizer state
 * kept, "1 epoch, then 2 more" trains the same weights, bit for bit, as "3 epochs". (A run
 * stopped mid-epoch repeats that epoch from its start.)
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final PixelModel model;
    private final TrainingConfig config;
    private final TrainingData data;
    private final TrainingLog log;
    private final Consumer<TrainingEvent> listener;
    private final Object pauseLock = new Object();
    private final Queue<Runnable> between = new ConcurrentLinkedQueue<>();
    private boolean running;
    private volatile boolean stopRequested;
    private volatile double learningRate;
    private Schedule schedule = Schedule.constant();
    private double appliedLearningRate;
    private boolean paused;

    /**
     * @throws IllegalArgumentException if {@code log} is a trained model's history with another
     *                                  seed than {@code config}'s, or the run would count more
     *                                  iterations than an int holds
     */
    public Trainer(
            PixelModel model,
            TrainingConfig config,
            TrainingData data,
            TrainingLog log,
            Consumer<TrainingEvent> listener) {
        long iterations = (long) config.epochs() * batchesPerEpoch(data, config);
        if (iterations > Integer.MAX_VALUE - (long) log.iterations()) {
            throw new IllegalArgumentException(String.format(
                    "%,d epochs of %,d images in batches of %d are %,d iterations, more than a run can count; "
                            + "train fewer epochs",
                    config.epochs(), data.trainImages(), config.batchSize(), iterations));
        }
        log.begin(config.seed());
        this.model = model;
        this.config = config;
        this.data = data;
        this.log = log;
        this.listener = listener;
        this.learningRate = config.learningRate();
        this.appliedLearningRate = Double.NaN;
        log.data(data.description());
    }

    /** Trains {@code config.epochs()} more epochs, or until stopped or diverged. */
    public TrainingEvent.Finished run() {
        synchronized (pauseLock) {
            running = true;
        }
        try {
            return fit();
        } finally {
            synchronized (pauseLock) {
                running = false;
            }
            runBetweenTasks();
        }
    }

    /**
     * Runs {@code task} while the model is between iterations: on the trainer's thread before
     * its next step, or on the calling thread when no run is in progress.
     */
    public <T> CompletableFuture<T> between(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable r = () -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        };
        synchronized (pauseLock) {
            if (running) {
                between.add(r);
                pauseLock.notifyAll();
                return result;
            }
        }
        r.run();
        return result;
    }

    private void runBetweenTasks() {
        for (Runnable r = between.poll(); r != null; r = between.poll()) {
            r.run();
        }
    }

    private static long batchesPerEpoch(TrainingData data, TrainingConfig config) {
        return (data.trainImages() + (long) config.batchSize() - 1) / config.batchSize();
    }

    private TrainingEvent.Finished fit() {
        int total = (int) (config.epochs() * batchesPerEpoch(data, config));
        int firstIteration = log.iterations();
        int firstEpoch = log.epochs();
        int done = 0;
        listener.accept(new TrainingEvent.Started(config, total, firstIteration));
        DivergenceGuard guard = new DivergenceGuard(pixels(), config.batchSize());
        // the weights on which the latest normal loss was measured
        WeightSnapshot good = null;
        Throughput pace = new Throughput();
        try {
            double best = Double.POSITIVE_INFINITY;
            int sinceBest = 0;
            for (int e = 1; e <= config.epochs(); e++) {
                int epoch = firstEpoch + e;
                data.startEpoch(epoch);
                if (schedule.kind() != Schedule.Kind.CONSTANT) {
                    learningRate = schedule.rate(config.learningRate(), e, config.epochs());
                }
                while (data.train().hasNext()) {
                    if (waitWhilePaused()) {
                        return finish(TrainingEvent.Outcome.STOPPED, "stopped by the user");
                    }
                    runBetweenTasks();
                    applyLearningRate();
                    DataSet batch = data.train().next();
                    WeightSnapshot before = WeightSnapshot.take(model, firstIteration + done);
                    long t0 = System.nanoTime();
                    model.fit(batch);
                    double loss = model.score();
                    long dt = System.nanoTime() - t0;
                    int iteration = firstIteration + ++done;
                    DivergenceGuard.Verdict verdict = guard.observe(loss);
                    boolean weightsFinite =
                            Double.isFinite(model.network().params().sumNumber().doubleValue());
                    // if the run's first step already failed, what it started from is the best known
                    if (verdict == DivergenceGuard.Verdict.NORMAL || good == null) {
                        good = before;
                    }
                    if (Double.isFinite(loss)) {
                        pace.step(dt, batch.getFeatures().size(0));
                        log.iteration(iteration, epoch, loss);
                        listener.accept(new TrainingEvent.Iteration(
                                iteration,
                                epoch,
                                firstIteration + total,
                                loss,
                                Metrics.bitsPerDim(loss, pixels()),
                                pace.imagesPerSecond(),
                                pace.eta(total - done)));
                    }
                    if (verdict == DivergenceGuard.Verdict.DIVERGED || !weightsFinite) {
                        good.restoreInto(model);
                        return finish(
                                TrainingEvent.Outcome.DIVERGED,
                                divergence(loss, weightsFinite, guard, iteration)
                                        + String.format(
                                                " The weights and optimizer state from after iteration %d are restored; "
                                                        + "lower the learning rate and train again.",
                                                good.iteration()));
                    }
                }
                if (data.validation() != null) {
                    Metrics.Nll nll = Metrics.evaluate(model, data.validation());
                    log.epoch(epoch, firstIteration + done, nll);
                    listener.accept(new TrainingEvent.EpochEnd(epoch, firstIteration + done, nll));
                    if (nll.nats() < best - Schedule.MIN_IMPROVEMENT_NATS) {
                        best = nll.nats();
                        sinceBest = 0;
                    } else if (schedule.patience() > 0 && ++sinceBest >= schedule.patience() && e < config.epochs()) {
                        return finish(
                                TrainingEvent.Outcome.COMPLETED,
                                String.format(
                                        Locale.ROOT,
                                        "stopped early after epoch %d: validation NLL has not improved on %.2f nats "
                                                + "for %d epoch(s)",
                                        epoch,
                                        best,
                                        sinceBest));
                    }
                } else {
                    log.epoch(epoch);
                }
            }
            return finish(TrainingEvent.Outcome.COMPLETED, "completed " + config.epochs() + " epoch(s)");
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.error("training failed at iteration {}", firstIteration + done, e);
            return finish(TrainingEvent.Outcome.FAILED, "training failed: " + e);
        }
    }

    private String divergence(double loss, boolean weightsFinite, DivergenceGuard guard, int iteration) {
        String why;
        if (!Double.isFinite(loss)) {
            why = String.format("the loss became %s at iteration %d", loss, iteration);
        } else if (!weightsFinite) {
            why = String.format("the weights became NaN or infinite at iteration %d", iteration);
        } else {
            why = String.format(
                    Locale.ROOT,
                    "the loss stayed far above its recent median of %.1f nats per image "
                            + "for %d iterations in a row, reaching %.1f at iteration %d",
                    guard.lastMedian(),
                    guard.streak(),
                    loss,
                    iteration);
        }
        String message =
                String.format(Locale.ROOT, "training diverged: %s (learning rate %g).", why, appliedLearningRate);
        LOG.warn(message);
        return message;
    }

    /** Holds the run before its next iteration. */
    public void pause() {
        synchronized (pauseLock) {
            paused = true;
        }
    }

    /** Lets a paused run continue. */
    public void resume() {
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
    }

    /** Ends the run after the current iteration (also when paused). */
    public void stop() {
        stopRequested = true;
        resume();
    }

    /**
     * Sets how the learning rate moves over the run's epochs and when it stops early; call before
     * {@link #run}. A cosine schedule replaces the rate at each epoch's start, also one set by
     * {@link #setLearningRate} during the run.
     */
    public Trainer withSchedule(Schedule value) {
        this.schedule = java.util.Objects.requireNonNull(value, "schedule");
        return this;
    }

    /** The learning rate the next iteration uses. */
    public double learningRate() {
        return learningRate;
    }

    /** The step size for the following iterations. */
    public void setLearningRate(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + value);
        }
        learningRate = value;
    }

    public boolean isPaused() {
        synchronized (pauseLock) {
            return paused;
        }
    }

    public TrainingLog log() {
        return log;
    }

    private int pixels() {
        return model.spec().height() * model.spec().width();
    }

    private void applyLearningRate() {
        double wanted = learningRate;
        if (wanted != appliedLearningRate) {
            model.setLearningRate(wanted);
            appliedLearningRate = wanted;
        }
    }

    /** Blocks while paused; true when the run should stop. */
    private boolean waitWhilePaused() {
        synchronized (pauseLock) {
            if (paused && !stopRequested) {
                listener.accept(new TrainingEvent.Paused(log.iterations()));
                while (paused && !stopRequested) {
                    runBetweenTasks();
                    try {
                        pauseLock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return true;
                    }
                }
                if (!stopRequested) {
                    listener.accept(new TrainingEvent.Resumed(log.iterations()));
                }
            }
        }
        return stopRequested || Thread.currentThread().isInterrupted();
    }

    private TrainingEvent.Finished finish(TrainingEvent.Outcome outcome, String message) {
        TrainingEvent.Finished finished = new TrainingEvent.Finished(outcome, log.iterations(), message);
        LOG.info(
                "run ended {} at iteration {} of {}: {}",
                outcome,
                log.iterations(),
                model.spec().name(),
                message);
        listener.accept(finished);
        return finished;
    }
}
