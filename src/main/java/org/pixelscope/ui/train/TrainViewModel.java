package org.pixelscope.ui.train;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.pixelscope.data.GreyLevels;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.PixelModel;
import org.pixelscope.train.MnistTraining;
import org.pixelscope.train.Trainer;
import org.pixelscope.train.TrainingConfig;
import org.pixelscope.train.TrainingData;
import org.pixelscope.train.TrainingEvent;
import org.pixelscope.train.TrainingHistory;
import org.pixelscope.train.TrainingLog;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.UiBatcher;

/**
 * The training view's state: hyperparameters, the run (a {@link Trainer} on a worker thread),
 * the curves and the progress read-out.
 *
 * <p>The curves always show the current model's {@link TrainingHistory}; a run appends to them
 * and, when it ends, hands its history to the session. Trainer events reach the FX thread through
 * a {@link UiBatcher}: one hand-over per batch, whatever the training speed.
 *
 * <p>Thread: FX only, except that the trainer runs on a job-runner thread.
 */
public final class TrainViewModel {

    private final AppContext ctx;
    private final Hyperparameters hyper = new Hyperparameters();
    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(this, "state", RunState.IDLE);
    private final ReadOnlyBooleanWrapper training = new ReadOnlyBooleanWrapper(this, "training");
    private final ReadOnlyIntegerWrapper pixels =
            new ReadOnlyIntegerWrapper(this, "pixels", MnistData.SIDE * MnistData.SIDE);
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");
    private final BooleanProperty thisRunOnly = new SimpleBooleanProperty(this, "thisRunOnly");
    private final ReadOnlyBooleanWrapper continuedRun = new ReadOnlyBooleanWrapper(this, "continuedRun");
    private final LossSeries series = new LossSeries();
    private final TrainingProgress progress = new TrainingProgress();
    private final SampleStripModel samples;
    private Run run;

    /** One run: what it trains, its trainer once started, and when it is over. */
    private static final class Run {
        final TrainingConfig config;
        final PixelModel model;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        /** Completes on the FX thread once the session has the run's history (the run is fully over). */
        final CompletableFuture<Void> ended = new CompletableFuture<>();

        Trainer trainer;
        int completedEpochs;
        boolean cancelled;

        Run(TrainingConfig config, PixelModel model) {
            this.config = config;
            this.model = model;
        }
    }

    public TrainViewModel(AppContext ctx) {
        this.ctx = ctx;
        this.samples = new SampleStripModel(ctx, hyper.seedProperty()::get);
        // the Seed field also seeds the next new model's weights, as train --seed does
        hyper.seedProperty().bindBidirectional(ctx.session().newModelSeedProperty());
        state.addListener((o, was, now) -> training.set(now != RunState.IDLE));
        hyper.learningRateProperty().addListener((o, was, now) -> applyLearningRate(now.doubleValue()));
        ctx.session().modelProperty().addListener(o -> modelChanged());
        ctx.session().historyProperty().addListener(o -> historyChanged());
        modelChanged();
        historyChanged();
    }

    /** The settings of the next run (the learning rate also of the current one). */
    public Hyperparameters hyperparameters() {
        return hyper;
    }

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** True while a run is in progress, paused included. */
    public ReadOnlyBooleanProperty trainingProperty() {
        return training.getReadOnlyProperty();
    }

    /** Counts changes of {@link #series()}; the chart redraws on each. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /**
     * The chart shows only the latest run (a run that continued a trained model); switched on
     * when such a run starts, and the user may switch it off.
     */
    public BooleanProperty thisRunOnlyProperty() {
        return thisRunOnly;
    }

    /** True when the curves hold a run that continued earlier training (so "this run only" means something). */
    public ReadOnlyBooleanProperty continuedRunProperty() {
        return continuedRun.getReadOnlyProperty();
    }

    /** The curves' data. Thread: FX only. */
    public LossSeries series() {
        return series;
    }

    public TrainingProgress progress() {
        return progress;
    }

    public SampleStripModel samples() {
        return samples;
    }

    /** Pixels per image of the current model (784 when none), for bits/dim. */
    public ReadOnlyIntegerProperty pixelsProperty() {
        return pixels.getReadOnlyProperty();
    }

    /** Start when idle, pause when running, resume when paused. */
    public void toggle() {
        switch (state.get()) {
            case IDLE -> start();
            case RUNNING -> pause();
            case PAUSED -> resume();
            default -> {}
        }
    }

    /** Starts a run with the hyperparameters; a bad value is reported and nothing starts. */
    public void start() {
        if (state.get() != RunState.IDLE) {
            return;
        }
        TrainingConfig config;
        try {
            config = hyper.toConfig();
            TrainingHistory history = ctx.session().historyProperty().get();
            if (history != null) {
                // a trained model continues its own data sequence (same as train --resume)
                history.requireSeed(config.seed());
            }
        } catch (IllegalArgumentException e) {
            ctx.errors().report("Cannot start training", e.getMessage());
            return;
        }
        PixelModel model = ctx.session().getModel();
        if (model == null) {
            ctx.errors()
                    .report("Cannot start training", "No model is loaded: open a checkpoint or create a model first.");
            return;
        }
        TrainingHistory untrained = ctx.session().historyProperty().get();
        if (untrained != null && !untrained.started() && untrained.seed() != config.seed()) {
            // an untrained model whose seed was changed: rebuild its weights from the run's seed,
            // so the run equals train --model NAME --seed SEED
            state.set(RunState.STARTING);
            ctx.status().show("Rebuilding " + model.spec().name() + " with seed " + config.seed() + "…", -1);
            ctx.session()
                    .create(model.spec(), config.seed())
                    .whenCompleteAsync(
                            (m, err) -> {
                                state.set(RunState.IDLE);
                                if (err != null) {
                                    ctx.errors().report("Cannot start training", err);
                                } else {
                                    start();
                                }
                            },
                            ctx.jobs().fx());
            return;
        }
        Run r = new Run(config, model);
        run = r;
        state.set(RunState.STARTING);
        ctx.status().show("Training: loading MNIST…", -1);
        ctx.session()
                .mnist()
                .thenCompose(mnist -> ctx.jobs().submit(() -> {
                    MnistTraining.requireSize(mnist, model.spec());
                    return MnistTraining.of(mnist, config, new GreyLevels(model.levels()));
                }))
                .whenCompleteAsync(
                        (data, error) -> launch(r, data, error), ctx.jobs().fx());
    }

    public void pause() {
        if (state.get() == RunState.RUNNING) {
            run.trainer.pause();
            state.set(RunState.PAUSED);
            ctx.status().show("Training paused", progress.fractionProperty().get());
        }
    }

    public void resume() {
        if (state.get() == RunState.PAUSED) {
            run.trainer.resume();
            state.set(RunState.RUNNING);
            ctx.status().show(progress.statusLine(), progress.fractionProperty().get());
        }
    }

    /** Ends the run after the current iteration; what it trained so far is kept. */
    public void stop() {
        switch (state.get()) {
            case STARTING -> run.cancelled = true;
            case RUNNING, PAUSED -> run.trainer.stop();
            default -> {
                return;
            }
        }
        state.set(RunState.STOPPING);
    }

    /**
     * Stops a run and completes, on the FX thread, once it is over: the trainer has let go of the
     * model and the session holds what it trained (so the model can be saved or replaced next).
     * Complete at once when nothing runs, or when the run has not reached the model yet (still
     * loading data: it will not start on a replaced model).
     */
    public CompletableFuture<Void> stopAndWait() {
        RunState s = state.get();
        Run r = run;
        stop();
        return s == RunState.IDLE || s == RunState.STARTING || r == null
                ? CompletableFuture.completedFuture(null)
                : r.ended;
    }

    private void launch(Run r, TrainingData data, Throwable error) {
        if (error != null
                || r.cancelled
                || ctx.session().getModel() != r.model
                || ctx.session().isTraining()) {
            r.done.complete(null);
            r.ended.complete(null);
            ended(r);
            if (error != null) {
                ctx.errors().report("Training could not start", error);
            }
            return;
        }
        TrainingHistory before = ctx.session().historyProperty().get();
        UiBatcher<TrainingEvent> batcher = new UiBatcher<>(ctx.jobs().fx(), batch -> onEvents(r, batch));
        r.completedEpochs = before.epochs();
        series.markRunStart(before.iterations());
        continuedRun.set(before.iterations() > 0);
        thisRunOnly.set(before.iterations() > 0);
        r.trainer = new Trainer(r.model, r.config, data, new TrainingLog(before), batcher::offer);
        if (hyper.learningRateProperty().get() != r.config.learningRate()) {
            applyLearningRate(hyper.learningRateProperty().get());
        }
        ctx.session().trainingStarted(r.trainer);
        state.set(RunState.RUNNING);
        ctx.jobs()
                .submit(r.trainer::run)
                .whenComplete((finished, e) -> r.done.complete(null))
                .whenCompleteAsync(
                        (finished, e) -> finish(r, finished, e), ctx.jobs().fx());
    }

    private void onEvents(Run r, List<TrainingEvent> batch) {
        if (r != run) {
            return;
        }
        int epochEnded = 0;
        for (TrainingEvent event : batch) {
            if (event instanceof TrainingEvent.Started e) {
                progress.started(e, r.completedEpochs);
            } else if (event instanceof TrainingEvent.Iteration e) {
                series.add(e.iteration(), e.lossNats());
                progress.iteration(e);
            } else if (event instanceof TrainingEvent.EpochEnd e) {
                series.addValidation(e.epoch(), e.iteration(), e.validation().nats());
                progress.epochEnd(e);
                epochEnded = e.epoch() - r.completedEpochs;
            } else if (event instanceof TrainingEvent.Paused e) {
                ctx.status()
                        .show(
                                "Training paused at iteration " + e.iteration(),
                                progress.fractionProperty().get());
            }
        }
        revision.set(revision.get() + 1);
        if (state.get() == RunState.RUNNING) {
            ctx.status().show(progress.statusLine(), progress.fractionProperty().get());
        }
        if (epochEnded > 0) {
            samples.refresh("after epoch " + epochEnded);
        }
        ctx.session().autosaveIfDue(ctx.errors());
    }

    private void finish(Run r, TrainingEvent.Finished finished, Throwable error) {
        TrainingHistory history = r.trainer.log().snapshot();
        ended(r);
        ctx.session().trainingEnded(history, ctx.errors());
        r.ended.complete(null);
        if (error != null) {
            ctx.errors().report("Training failed", error);
            return;
        }
        String at = String.format(Locale.ROOT, " at iteration %,d", finished.iteration());
        switch (finished.outcome()) {
            case COMPLETED -> ctx.status().idle("Training " + finished.message() + at);
            case STOPPED -> ctx.status().idle("Training stopped" + at);
            case DIVERGED -> {
                ctx.status().idle("Training diverged" + at);
                ctx.errors().report("Training diverged", finished.message());
            }
            case FAILED -> {
                ctx.status().idle("Training failed" + at);
                ctx.errors().report("Training failed", finished.message());
            }
        }
    }

    private void ended(Run r) {
        if (r == run) {
            state.set(RunState.IDLE);
            ctx.status().idle("Ready");
        }
    }

    /** Set by a model change until the model's history arrives. */
    private boolean modelJustLoaded;

    private void applyLearningRate(double value) {
        Run r = run;
        // Only valid values reach a running trainer: a half-typed field must not stop the run.
        if (r != null
                && r.trainer != null
                && state.get() != RunState.IDLE
                && Hyperparameters.usableLearningRate(value)) {
            r.trainer.setLearningRate(value);
        }
    }

    private void modelChanged() {
        PixelModel m = ctx.session().getModel();
        pixels.set(
                m == null
                        ? MnistData.SIDE * MnistData.SIDE
                        : m.spec().height() * m.spec().width());
        progress.reset();
        samples.clear();
        modelJustLoaded = m != null;
    }

    private void historyChanged() {
        TrainingHistory h = ctx.session().historyProperty().get();
        // the session sets a new model's history right after the model: a trained one shows its samples at once
        boolean fresh = modelJustLoaded;
        if (fresh && h != null && h.iterations() > 0) {
            samples.refresh("from the loaded weights");
        }
        modelJustLoaded = false;
        double runStart = series.runStart();
        if (h == null) {
            series.clear();
        } else {
            series.load(h);
            // a run's own history arriving at its end keeps the run marked; a new model's does not
            series.markRunStart(fresh || h.iterations() < runStart ? 0 : runStart);
        }
        continuedRun.set(series.runStart() > 0);
        revision.set(revision.get() + 1);
    }
}
