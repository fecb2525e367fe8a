package org.pixelscope.ui;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.pixelscope.data.Assets;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;
import org.pixelscope.train.Checkpoints;
import org.pixelscope.train.Trainer;
import org.pixelscope.train.TrainingConfig;
import org.pixelscope.train.TrainingHistory;

/**
 * The model the app is working on, shared by every view: its network, its training history,
 * where it came from, and the MNIST data (loaded once, off the FX thread).
 *
 * <p>While a {@link Trainer} fits the model, only the trainer's thread touches it; views that
 * need weights ask for a {@link #snapshot()}, taken between iterations.
 *
 * <p>Thread: properties are read and changed on the FX thread; the futures complete on the FX
 * executor of the {@link JobRunner}.
 */
public final class ModelSession {

    /** The checkpoint the app starts on, trained by {@code train} and shipped in assets. */
    public static final String SHIPPED = "models/pixelcnn-chapter.zip";

    private final JobRunner jobs;
    private final ReadOnlyObjectWrapper<PixelModel> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyObjectWrapper<TrainingHistory> history = new ReadOnlyObjectWrapper<>(this, "history");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "");
    private final ReadOnlyObjectWrapper<Path> checkpoint = new ReadOnlyObjectWrapper<>(this, "checkpoint");
    private final Path dataDir;
    private CompletableFuture<MnistData> mnist;
    private Trainer trainer;

    public ModelSession(JobRunner jobs, Path dataDir) {
        this.jobs = jobs;
        this.dataDir = dataDir;
    }

    public static Path shippedCheckpoint() {
        return Assets.find(SHIPPED);
    }

    public JobRunner jobs() {
        return jobs;
    }

    public ReadOnlyObjectProperty<PixelModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

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

    /** The file the model was last opened from or saved to; null for a new model. */
    public ReadOnlyObjectProperty<Path> checkpointProperty() {
        return checkpoint.getReadOnlyProperty();
    }

    /** The MNIST folder in use. */
    public Path dataDir() {
        return dataDir;
    }

    /** MNIST, loaded on first use on a worker; later calls share the same load. */
    public synchronized CompletableFuture<MnistData> mnist() {
        if (mnist == null || mnist.isCompletedExceptionally()) {
            mnist = jobs.submit(() -> MnistData.load(dataDir));
        }
        return mnist;
    }

    /** Opens a checkpoint on a worker and makes it current. */
    public CompletableFuture<PixelModel> open(Path file) {
        return jobs.submit(() -> Checkpoints.load(file)).thenApplyAsync(cp -> {
            boolean shipped = file.toAbsolutePath().normalize().equals(shippedCheckpoint().toAbsolutePath().normalize());
            install(cp.model(), cp.history(), file.getFileName() + (shipped ? " (shipped)" : ""));
            checkpoint.set(file);
            return cp.model();
        }, jobs.fx());
    }

    /** Builds an untrained network for {@code spec} on a worker and makes it current. */
    public CompletableFuture<PixelModel> create(ModelSpec spec) {
        long seed = TrainingConfig.DEFAULT_SEED;
        return jobs.submit(() -> NetworkBuilder.build(spec, seed, TrainingConfig.DEFAULT_LEARNING_RATE))
                .thenApplyAsync(m -> {
                    install(m, TrainingHistory.empty(seed), spec.name() + " (untrained)");
                    checkpoint.set(null);
                    return m;
                }, jobs.fx());
    }

    /** Saves the current model (taken between iterations if training) to {@code file}. */
    public CompletableFuture<Path> save(Path file) {
        PixelModel current = model.get();
        Trainer t = trainer;
        CompletableFuture<TrainingHistory> hist = t != null
                ? t.between(() -> t.log().snapshot())
                : CompletableFuture.completedFuture(history.get());
        return snapshot().thenCombine(hist, (copy, h) -> new Object[] {copy, h})
                .thenCompose(pair -> jobs.submit(() -> {
                    Checkpoints.save(file, (PixelModel) pair[0], (TrainingHistory) pair[1], true);
                    return file;
                }))
                .thenApplyAsync(f -> {
                    if (model.get() == current) {
                        checkpoint.set(f);
                        source.set(f.getFileName().toString());
                    }
                    return f;
                }, jobs.fx());
    }

    /** An independent copy of the current weights, safe to use on any one thread. */
    public CompletableFuture<PixelModel> snapshot() {
        PixelModel current = model.get();
        if (current == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no model is loaded"));
        }
        Trainer t = trainer;
        return t != null ? t.between(current::copy) : jobs.submit(current::copy);
    }

    /** Called by the training view: while set, weights are read between iterations. */
    public void trainingStarted(Trainer active) {
        this.trainer = active;
    }

    /** Called by the training view when its run ends, with the history the run produced. */
    public void trainingEnded(TrainingHistory result) {
        this.trainer = null;
        history.set(result);
        PixelModel m = model.get();
        if (m != null && result.iterations() > 0) {
            source.set(String.format("%s (trained: %d epochs, %,d iterations; unsaved)", m.spec().name(),
                    result.epochs(), result.iterations()));
        }
    }

    public boolean isTraining() {
        return trainer != null;
    }

    private void install(PixelModel m, TrainingHistory h, String from) {
        if (trainer != null) {
            throw new IllegalStateException("stop training before switching models");
        }
        model.set(m);
        history.set(h);
        source.set(from);
    }
}
