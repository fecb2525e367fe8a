package org.pixelscope.ui.sample;

import java.util.concurrent.CompletableFuture;
import org.pixelscope.inspect.ReceptiveField;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;
import org.pixelscope.train.CheckpointException;
import org.pixelscope.train.Checkpoints;
import org.pixelscope.train.TrainingConfig;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.SharedModel;

/**
 * The second model of a comparison in the Sample view. It is not the session's model: training,
 * saving and the other views never see it. The Sample view's {@link Comparison} owns it and
 * {@link #close() closes} it when it is replaced or the comparison ends, so its off-heap arrays
 * go at once rather than at some later garbage collection. Generations sample a
 * {@link #snapshot()} and the receptive field is measured through a {@link SharedModel} read,
 * so a close while either is in progress waits for it.
 *
 * <p>Thread: {@link #load} runs on a worker; the rest is called on the FX thread.
 */
final class ComparedModel {

    private final SharedModel shared;
    private final String name;

    private ComparedModel(PixelModel model, String name) {
        this.shared = new SharedModel(model);
        this.name = name;
    }

    /**
     * Loads or builds the model of {@code source} for images of {@code height x width} (the
     * session model's size: the panes draw pixel for pixel in lock-step). A registered spec is
     * built at that size; a checkpoint of another size is refused.
     *
     * <p>Thread: a worker.
     *
     * @throws CheckpointException if a checkpoint cannot be read
     * @throws IllegalArgumentException if a checkpoint draws images of another size
     */
    static ComparedModel load(CompareSource source, int height, int width, long seed) throws CheckpointException {
        PixelModel model;
        String name;
        if (source instanceof CompareSource.Shipped s) {
            model = Checkpoints.load(s.model().path()).model();
            name = model.spec().name() + " (shipped)";
        } else if (source instanceof CompareSource.Untrained u) {
            ModelSpec spec = u.spec().height() == height && u.spec().width() == width
                    ? u.spec()
                    : u.spec().withSize(height, width);
            model = NetworkBuilder.build(spec, seed, TrainingConfig.DEFAULT_LEARNING_RATE);
            name = spec.name() + " (untrained)";
        } else if (source instanceof CompareSource.Checkpoint c) {
            model = Checkpoints.load(c.file()).model();
            name = model.spec().name() + " (" + c.file().getFileName() + ")";
        } else {
            throw new IllegalArgumentException("no model to compare with");
        }
        ModelSpec spec = model.spec();
        if (spec.height() != height || spec.width() != width) {
            model.close();
            throw new IllegalArgumentException(name + " draws " + spec.height() + "x" + spec.width()
                    + " images but the current model draws " + height + "x" + width
                    + ": compare models of the same image size, pixel for pixel.");
        }
        return new ComparedModel(model, name);
    }

    /** The caption: the spec's name and where the model came from. */
    String name() {
        return name;
    }

    ModelSpec spec() {
        return shared.model().spec();
    }

    /** The model itself, for its identity and {@link PixelModel#isClosed()} only (tests). */
    PixelModel model() {
        return shared.model();
    }

    /** A copy of the weights for one generation, which owns and closes it; completes on a worker. */
    CompletableFuture<PixelModel> snapshot(AppContext ctx) {
        return ctx.jobs().submit(() -> shared.read(PixelModel::copy));
    }

    /** The receptive field, from the session's field service (cached per spec); completes on the FX executor. */
    CompletableFuture<ReceptiveField> field(AppContext ctx) {
        return ctx.session().fields().of(shared);
    }

    /** Closes the model now, or when the copy or measurement in progress ends. Idempotent. */
    void close() {
        shared.retire();
    }
}
