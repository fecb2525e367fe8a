package org.pixelscope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.pixelscope.data.GreyLevels;
import org.pixelscope.data.OutputLock;
import org.pixelscope.model.PixelModel;
import org.pixelscope.train.CheckpointException;
import org.pixelscope.train.Checkpoints;
import org.pixelscope.train.Metrics;
import org.pixelscope.train.TrainingHistory;

/**
 * Where {@code train --out FILE} puts its checkpoints, and the rule that FILE never gets worse.
 *
 * <p>FILE holds the best model by validation NLL: an epoch's checkpoint replaces it only when
 * its validation NLL is no higher than what FILE holds (the model already in FILE is scored on
 * the same validation images before training starts). A worse epoch goes to the sibling
 * {@code FILE-stem.latest.zip} instead, and the run says so; {@code --force} replaces FILE
 * every epoch, as a plain "latest" file. So a run that goes wrong (too high a learning rate,
 * overfitting) cannot silently replace a good model with a worse one.
 *
 * <p>While the run lasts FILE is claimed with an {@link OutputLock}, so a second run aimed at
 * the same file is refused at once. The folder is probed for writing and for free space before
 * training, not at the first save an epoch later.
 *
 * <p>Thread: the CLI's; {@link #save} is called from the trainer's listener on the same thread.
 */
final class CheckpointTarget implements AutoCloseable {

    private final Path file;
    private final Path latest;
    private final boolean force;
    private final OutputLock lock;
    /** Validation NLL of what {@link #file} holds now; NaN when unknown (no file yet, or --force). */
    private double best = Double.NaN;

    private int bestEpoch;
    private boolean wroteLatest;
    private boolean savedAny;

    private CheckpointTarget(Path file, boolean force, OutputLock lock) {
        this.file = file;
        this.latest = latestOf(file);
        this.force = force;
        this.lock = lock;
    }

    /** Checks that {@code file} can be written and claims it. */
    static CheckpointTarget claim(Path file, boolean force) throws IOException {
        OutputFiles.checkWritable(file, "--out");
        Files.createDirectories(file.toAbsolutePath().getParent());
        return new CheckpointTarget(file, force, OutputLock.claim(file));
    }

    /** {@code run.zip} -> {@code run.latest.zip}; {@code run} -> {@code run.latest}. */
    static Path latestOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String latest = dot > 0 ? name.substring(0, dot) + ".latest" + name.substring(dot) : name + ".latest";
        return file.resolveSibling(latest);
    }

    /** Fails unless the folder has room for a checkpoint of {@code model}. */
    void checkSpace(PixelModel model, boolean withOptimizer) throws IOException {
        // float32 weights, Adam's two moments as much again twice, plus the JSON parts
        long bytes = model.parameterCount() * 4 * (withOptimizer ? 3 : 1) + (1 << 20);
        OutputFiles.checkSpace(file, bytes, "a checkpoint of " + model.spec().name());
    }

    /**
     * Scores what {@link #file} holds now on {@code validation}, so the first epoch is compared
     * with it. {@code resumed} is the model this run trains (the one loaded with --resume, used when
     * it is the same file); a file of other grey levels is refused, since NLLs across K do not compare.
     *
     * @return a line for the user, or null when there is nothing to compare with
     */
    String scoreExisting(Path resumeFile, PixelModel resumed, DataSetIterator validation) throws IOException {
        if (force || !Files.exists(file)) {
            return null;
        }
        PixelModel current;
        if (resumeFile != null && Files.isSameFile(resumeFile, file)) {
            current = resumed;
        } else {
            try {
                current = Checkpoints.load(file).model();
            } catch (CheckpointException e) {
                throw new IOException(
                        file + " exists and is not a checkpoint this run can compare with (" + e.getMessage()
                                + "); choose another --out, or add --force to replace it",
                        e);
            }
        }
        if (current.levels() != resumed.levels()) {
            throw new IOException(String.format(
                    Locale.ROOT,
                    "%s holds a model of %s and this run trains one of %s: their NLLs do not compare; choose"
                            + " another --out, or add --force to replace it",
                    file,
                    new GreyLevels(current.levels()).describe(),
                    new GreyLevels(resumed.levels()).describe()));
        }
        try {
            best = Metrics.evaluate(current, validation).nats();
        } catch (RuntimeException e) {
            throw new IOException(
                    file + " holds a " + current.spec().name() + " that cannot be scored on this " + "validation data ("
                            + e.getMessage() + "); choose another --out, or add --force to replace it",
                    e);
        }
        return String.format(
                Locale.ROOT,
                "%s holds a model with validation NLL %.2f nats/image; " + "it is replaced only by a better one",
                file,
                best);
    }

    /**
     * Saves an epoch's model: to {@link #file} if it is at least as good as what the file
     * holds (or --force), else to {@link #latest}.
     *
     * @return null when {@link #file} was written, else a warning saying where the model went
     */
    String save(int epoch, double validationNats, PixelModel model, TrainingHistory history, boolean withOptimizer)
            throws CheckpointException {
        if (force || Double.isNaN(best) || validationNats <= best) {
            Checkpoints.save(file, model, history, withOptimizer);
            best = validationNats;
            bestEpoch = epoch;
            savedAny = true;
            if (wroteLatest) {
                try {
                    // older than the file now: it would only mislead
                    Files.deleteIfExists(latest);
                } catch (IOException e) {
                    // harmless: the next save or the user can remove it
                }
                wroteLatest = false;
            }
            return null;
        }
        Checkpoints.save(latest, model, history, withOptimizer);
        wroteLatest = true;
        return String.format(
                Locale.ROOT,
                "epoch %d's validation NLL %.2f is worse than the %.2f that %s holds%s; "
                        + "%s is kept and epoch %d is saved to %s (add --force to replace %s anyway)",
                epoch,
                validationNats,
                best,
                file,
                bestEpoch > 0 ? " (epoch " + bestEpoch + ")" : "",
                file.getFileName(),
                epoch,
                latest,
                file.getFileName());
    }

    Path file() {
        return file;
    }

    Path latest() {
        return latest;
    }

    /** Whether this run wrote {@link #file}. */
    boolean savedAny() {
        return savedAny;
    }

    boolean wroteLatest() {
        return wroteLatest;
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
