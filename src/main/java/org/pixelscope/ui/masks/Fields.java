package org.pixelscope.ui.masks;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import org.pixelscope.inspect.ReceptiveField;
import org.pixelscope.model.PixelModel;
import org.pixelscope.ui.AppContext;

/**
 * Measures the receptive field of the session's model: a snapshot of the weights (taken between
 * training iterations if a run is active), then {@link ReceptiveField#measure} on a worker, about
 * 1-2 s at 28x28 for a PixelCNN, a minute or more for a Diagonal BiLSTM. The field depends only
 * on the graph, not on the weights, so one measurement per model is enough: the views that show
 * it (Sample, Masks) share it, and a model that trains keeps its field.
 *
 * <p>Thread: call on the FX thread; the future completes on the FX executor.
 */
public final class Fields {

    /** Per model object (weakly held: a replaced model drops its entry); FX thread only. */
    private static final Map<PixelModel, CompletableFuture<ReceptiveField>> MEASURED = new WeakHashMap<>();

    private Fields() {
    }

    /** The field of {@code model}, or a failed future naming why it could not be measured (asking again retries). */
    public static CompletableFuture<ReceptiveField> measure(AppContext ctx, PixelModel model) {
        CompletableFuture<ReceptiveField> known = MEASURED.get(model);
        if (known != null && !known.isCompletedExceptionally()) {
            return known;
        }
        if (ctx.session().getModel() != model) {
            // the snapshot is of the session's model: measuring another would file the wrong field
            return CompletableFuture.failedFuture(new IllegalStateException("the model changed before its field was measured"));
        }
        CompletableFuture<ReceptiveField> field = ctx.session().snapshot()
                .thenCompose(copy -> ctx.jobs().submit(() -> ReceptiveField.measure(copy)))
                .thenApplyAsync(rf -> rf, ctx.jobs().fx());
        MEASURED.put(model, field);
        return field;
    }
}
