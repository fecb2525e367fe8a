package org.pixelscope.ui;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleLongProperty;
import org.pixelscope.data.Assets;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;
import org.pixelscope.train.CheckpointException;
import org.pixelscope.train.Checkpoints;
import org.pixelscope.train.ShippedModels;
import org.pixelscope.train.Trainer;
import org.pixelscope.train.TrainingConfig;
import org.pixelscope.train.TrainingHistory;

/**
 * The model the app is working on, shared by every view: its network, its training history,
 * where it came from, whether it holds unsaved training, its receptive fields, and the MNIST data
 * (loaded once, off the FX thread).
 *
 * <p>The session owns the model's native memory: a replaced model is closed as soon as the last
 * read of it ends ({@link SharedModel}), and a {@link #snapshot()} belongs to its caller, who
 * closes it when done. While a {@link Trainer} fits the model only the trainer's thread touches
 * it, and reads happen between iterations. Unsaved training is written to the {@link Autosave}
 * folder every few minutes while a run trains and when it ends.
 *
 * <p>Thread: properties are read and changed on the FX thread; the futures complete on the FX
 * executor of the {@link JobRunner} unless their Javadoc says otherwise.
 */
public final class ModelSession {

    /** The chapter PixelCNN's pretrained checkpoint in assets: the guided tour's model. */
    public static final String SHIPPED = "models/pixelcnn-chapter.zip";

    private final JobRunner jobs;
    private final ReadOnlyObjectWrapper<Path> dataDir = new ReadOnlyObjectWrapper<>(this, "dataDir");
    private final Autosave autosave;
    private final ReceptiveFields fields = new ReceptiveFields(this);
    private final ReadOnlyObjectWrapper<PixelModel> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyObjectWrapper<TrainingHistory> history = new ReadOnlyObjectWrapper<>(this, "history");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "");
    private final ReadOnlyObjectWrapper<Path> checkpoint = new ReadOnlyObjectWrapper<>(this, "checkpoint");
    private final ReadOnlyBooleanWrapper unsaved = new ReadOnlyBooleanWrapper(this, "unsaved");
    private final LongProperty newModelSeed = new SimpleLongProperty(this, "newModelSeed", TrainingConfig.DEFAULT_SEED);
    private SharedModel shared;
    private CompletableFuture<MnistData> mnist;
    private Trainer trainer;
    private long lastAutosave;
    private boolean autosaving;

    public ModelSession(JobRunner jobs, Path dataDir, Autosave autosave) {
        this.jobs = jobs;
        this.dataDir.set(dataDir);
        this.autosave = autosave;
    }

    /** The chapter PixelCNN's pretrained checkpoint (the guided tour's model). */
    public static Path shippedCheckpoint() {
        return Assets.find(SHIPPED);
    }

    /** The pretrained checkpoint a first start opens: the shipped model with the lowest test NLL. */
    public static Path bestShippedCheckpoint() {
        return ShippedModels.best().map(ShippedModels.Shipped::path).orElseGet(ModelSession::shippedCheckpoint);
    }

    public JobRunner jobs() {
        return jobs;
    }

    public ReadOnlyObjectProperty<PixelModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** The current model: read its spec on the FX thread; its weights only through {@link #read} or a snapshot. */
    public PixelModel getModel() {
        return model.get();
    }

    public ReadOnlyObjectProperty<TrainingHistory> historyProperty() {
        return history.getReadOnlyProperty();
    }

    /** Where the model came from, for the title and status bar. */
    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    /** The file the model was last opened from or saved to; null for a new or restored model. */
    public ReadOnlyObjectProperty<Path> checkpointProperty() {
        return checkpoint.getReadOnlyProperty();
    }

    /** True when the model holds training that no checkpoint has (a run ended since the last save). */
    public ReadOnlyBooleanProperty unsavedProperty() {
        return unsaved.getReadOnlyProperty();
    }

    /** True when replacing the model or quitting now would lose work: unsaved training, or a run in progress. */
    public boolean hasUnsavedWork() {
        return unsaved.get() || trainer != null;
    }

    /**
     * The seed that fixes a new model's initial weights ({@link #create}); the train view's Seed
     * field edits it, so a model created and trained in the app starts from the weights that
     * {@code train --model ... --seed} starts from. {@link TrainingConfig#DEFAULT_SEED} at first.
     */
    public LongProperty newModelSeedProperty() {
        return newModelSeed;
    }

    /** The receptive-field service, cached per spec for the session's life. */
    public ReceptiveFields fields() {
        return fields;
    }

    public Autosave autosave() {
        return autosave;
    }

    /** The data folder in use: the shipped MNIST at first, then what File > Open Data chose. */
    public Path dataDir() {
        return dataDir.get();
    }

    public ReadOnlyObjectProperty<Path> dataDirProperty() {
        return dataDir.getReadOnlyProperty();
    }

    /** The data, loaded on first use on a worker; later calls share the same load. */
    public synchronized CompletableFuture<MnistData> mnist() {
        if (mnist == null || mnist.isCompletedExceptionally()) {
            Path dir = dataDir.get();
            mnist = jobs.submit(() -> MnistData.load(dir));
        }
        return mnist;
    }

    /**
     * Makes {@code data} (already loaded, for example by a preview) the data every view uses from
     * now on. Refused while a run trains: that run keeps the data it started with, and the data
     * line would name data it does not train on.
     *
     * <p>Thread: FX.
     *
     * @throws IllegalStateException while training
     */
    public void useData(MnistData data) {
        if (trainer != null) {
            throw new IllegalStateException("Stop training before switching data: the run trains on "
                    + dataDir.get().getFileName() + " until it ends.");
        }
        synchronized (this) {
            mnist = CompletableFuture.completedFuture(data);
        }
        dataDir.set(data.source());
    }

    /** Opens a checkpoint on a worker and makes it current. */
    public CompletableFuture<PixelModel> open(Path file) {
        return jobs.submit(() -> Checkpoints.load(file))
                .thenApplyAsync(
                        cp -> {
                            boolean shipped = ShippedModels.isShipped(file);
                            install(cp.model(), cp.history(), file.getFileName() + (shipped ? " (shipped)" : ""));
                            checkpoint.set(file);
                            return cp.model();
                        },
                        jobs.fx());
    }

    /** Opens the autosaved checkpoint as unsaved work (Save asks for a name). */
    public CompletableFuture<PixelModel> restoreAutosave() {
        Path file = autosave.file();
        return jobs.submit(() -> Checkpoints.load(file))
                .thenApplyAsync(
                        cp -> {
                            install(
                                    cp.model(),
                                    cp.history(),
                                    cp.model().spec().name() + " (restored from autosave; unsaved)");
                            unsaved.set(true);
                            return cp.model();
                        },
                        jobs.fx());
    }

    /** Builds an untrained network for {@code spec} with the {@link #newModelSeedProperty() seed for new models} on a worker and makes it current. */
    public CompletableFuture<PixelModel> create(ModelSpec spec) {
        return create(spec, newModelSeed.get());
    }

    /** Builds a new untrained model whose weights come from {@code seed}, and makes it current. */
    public CompletableFuture<PixelModel> create(ModelSpec spec, long seed) {
        return jobs.submit(() -> NetworkBuilder.build(spec, seed, TrainingConfig.DEFAULT_LEARNING_RATE))
                .thenApplyAsync(
                        m -> {
                            install(m, TrainingHistory.empty(seed), spec.name() + " (untrained)");
                            return m;
                        },
                        jobs.fx());
    }

    /** Saves the current model (taken between iterations if training) to {@code file}. */
    public CompletableFuture<Path> save(Path file) {
        PixelModel current = model.get();
        return write(file)
                .thenApplyAsync(
                        f -> {
                            if (model.get() == current) {
                                checkpoint.set(f);
                                source.set(f.getFileName().toString());
                                if (trainer == null) {
                                    unsaved.set(false);
                                    autosave.delete();
                                }
                            }
                            return f;
                        },
                        jobs.fx());
    }

    /** Forgets unsaved work the user chose to discard: no prompt for it again, no autosave offered. */
    public void discardUnsaved() {
        unsaved.set(false);
        autosave.delete();
    }

    /**
     * Writes an autosave if a run is training and the interval has passed since the last one
     * (the training view calls this as progress arrives). Failures go to {@code errors} once.
     */
    public void autosaveIfDue(ErrorReporter errors) {
        long now = System.nanoTime();
        if (trainer == null
                || autosaving
                || now - lastAutosave < autosave.interval().toNanos()) {
            return;
        }
        writeAutosave(errors);
    }

    /**
     * Runs {@code reader} on the current model on a worker: directly while no run trains (the
     * model stays open until it returns, even if it is replaced meanwhile), else on a copy taken
     * between iterations and closed afterwards. The future completes on the worker.
     */
    public <T> CompletableFuture<T> read(Function<PixelModel, T> reader) {
        SharedModel current = shared;
        if (current == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no model is loaded"));
        }
        Trainer t = trainer;
        if (t == null) {
            return jobs.submit(() -> current.read(reader));
        }
        return t.between(current.model()::copy)
                .thenCompose(copy -> jobs.submit(() -> {
                    try (copy) {
                        return reader.apply(copy);
                    }
                }));
    }

    /**
     * An independent copy of the current weights, safe to use on any one thread. The caller owns
     * it and must {@link PixelModel#close() close} it when done. Completes on a worker.
     */
    public CompletableFuture<PixelModel> snapshot() {
        SharedModel current = shared;
        if (current == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no model is loaded"));
        }
        Trainer t = trainer;
        return t != null ? t.between(current.model()::copy) : jobs.submit(() -> current.read(PixelModel::copy));
    }

    /** Called by the training view: while set, weights are read between iterations. */
    public void trainingStarted(Trainer active) {
        this.trainer = active;
        this.lastAutosave = System.nanoTime();
    }

    /** Called by the training view when its run ends, with the history the run produced. */
    public void trainingEnded(TrainingHistory result, ErrorReporter errors) {
        this.trainer = null;
        TrainingHistory before = history.get();
        history.set(result);
        PixelModel m = model.get();
        if (m != null && result.iterations() > (before == null ? 0 : before.iterations())) {
            unsaved.set(true);
            source.set(String.format(
                    "%s (trained: %d epochs, %,d iterations; unsaved)",
                    m.spec().name(), result.epochs(), result.iterations()));
            writeAutosave(errors);
        }
    }

    public boolean isTraining() {
        return trainer != null;
    }

    /** Writes the current model and history to {@code file} on a worker; completes there. */
    private CompletableFuture<Path> write(Path file) {
        Trainer t = trainer;
        CompletableFuture<TrainingHistory> hist =
                t != null ? t.between(() -> t.log().snapshot()) : CompletableFuture.completedFuture(history.get());
        return hist.thenCompose(h -> read(m -> {
            try {
                Checkpoints.save(file, m, h, true);
            } catch (CheckpointException e) {
                throw new CompletionException(e);
            }
            return file;
        }));
    }

    private void writeAutosave(ErrorReporter errors) {
        autosaving = true;
        lastAutosave = System.nanoTime();
        jobs.submit(() -> {
                    autosave.prepare();
                    return null;
                })
                .thenCompose(v -> write(autosave.file()))
                .whenCompleteAsync(
                        (f, e) -> {
                            autosaving = false;
                            if (e != null && errors != null) {
                                errors.report("Could not autosave", e);
                            }
                        },
                        jobs.fx());
    }

    private void install(PixelModel m, TrainingHistory h, String from) {
        if (trainer != null) {
            m.close();
            throw new IllegalStateException("stop training before switching models");
        }
        SharedModel old = shared;
        shared = new SharedModel(m);
        unsaved.set(false);
        checkpoint.set(null);
        model.set(m);
        history.set(h);
        source.set(from);
        if (old != null) {
            // closed on a worker once its last read ends: freeing is not the FX thread's business
            jobs.submit(() -> {
                old.retire();
                return null;
            });
        }
    }
}
