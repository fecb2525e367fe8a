package org.pixelscope.train;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.pixelscope.model.PixelModel;

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
 * <p>A step whose loss is NaN or infinite is undone (the weights and the optimizer state from
 * before it are restored) and the run ends as {@link TrainingEvent.Outcome#DIVERGED}, so nothing
 * trained so far is lost and the model can train on.
 */
public final class Trainer {

    private static final int THROUGHPUT_WINDOW = 20;

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
    private double appliedLearningRate;
    private boolean paused;

    public Trainer(PixelModel model, TrainingConfig config, TrainingData data, TrainingLog log,
                   Consumer<TrainingEvent> listener) {
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

    private TrainingEvent.Finished fit() {
        int batchesPerEpoch = (data.trainImages() + config.batchSize() - 1) / config.batchSize();
        int total = config.epochs() * batchesPerEpoch;
        int firstIteration = log.iterations();
        int firstEpoch = log.epochs();
        int done = 0;
        listener.accept(new TrainingEvent.Started(config, total, firstIteration));
        Deque<Long> stepTimes = new ArrayDeque<>();
        long windowImages = 0;
        Deque<Long> stepImages = new ArrayDeque<>();
        try {
            for (int e = 1; e <= config.epochs(); e++) {
                int epoch = firstEpoch + e;
                data.train().reset();
                while (data.train().hasNext()) {
                    if (waitWhilePaused()) {
                        return finish(TrainingEvent.Outcome.STOPPED, "stopped by the user");
                    }
                    runBetweenTasks();
                    applyLearningRate();
                    DataSet batch = data.train().next();
                    INDArray before = model.network().params().dup();
                    // Adam's moments too: a NaN gradient would otherwise poison every later step
                    INDArray optimizerBefore = optimizerState();
                    if (optimizerBefore != null) {
                        optimizerBefore = optimizerBefore.dup();
                    }
                    long t0 = System.nanoTime();
                    model.fit(batch);
                    double loss = model.score();
                    long dt = System.nanoTime() - t0;
                    int iteration = firstIteration + ++done;
                    if (!Double.isFinite(loss)) {
                        model.network().setParams(before);
                        if (optimizerBefore != null) {
                            optimizerState().assign(optimizerBefore);
                        }
                        return finish(TrainingEvent.Outcome.DIVERGED, String.format(
                                "training diverged: the loss became %s at iteration %d (learning rate %g). "
                                        + "The weights from before that step are kept; lower the learning rate and train again.",
                                loss, iteration, appliedLearningRate));
                    }
                    long n = batch.getFeatures().size(0);
                    stepTimes.addLast(dt);
                    stepImages.addLast(n);
                    windowImages += n;
                    if (stepTimes.size() > THROUGHPUT_WINDOW) {
                        stepTimes.removeFirst();
                        windowImages -= stepImages.removeFirst();
                    }
                    double windowSeconds = stepTimes.stream().mapToLong(Long::longValue).sum() / 1e9;
                    double perStep = windowSeconds / stepTimes.size();
                    Duration eta = Duration.ofMillis((long) (perStep * (total - done) * 1000));
                    log.iteration(iteration, epoch, loss);
                    listener.accept(new TrainingEvent.Iteration(iteration, epoch, firstIteration + total, loss,
                            Metrics.bitsPerDim(loss, pixels()), windowImages / windowSeconds, eta));
                }
                if (data.validation() != null) {
                    Metrics.Nll nll = Metrics.evaluate(model, data.validation());
                    log.epoch(epoch, firstIteration + done, nll);
                    listener.accept(new TrainingEvent.EpochEnd(epoch, firstIteration + done, nll));
                } else {
                    log.epoch(epoch);
                }
            }
            return finish(TrainingEvent.Outcome.COMPLETED, "completed " + config.epochs() + " epoch(s)");
        } catch (RuntimeException | OutOfMemoryError e) {
            return finish(TrainingEvent.Outcome.FAILED, "training failed: " + e);
        }
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

    /** The optimizer's state (Adam's moments) as one array, or null for a stateless optimizer. */
    private INDArray optimizerState() {
        return model.network().getUpdater().getStateViewArray();
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
        listener.accept(finished);
        return finished;
    }
}
