package org.pixelscope.ui.masks;

import java.util.concurrent.CompletableFuture;
import org.pixelscope.inspect.ReceptiveField;
import org.pixelscope.model.PixelModel;
import org.pixelscope.ui.AppContext;

/**
 * Measures the receptive field of the session's model: a snapshot of the weights (taken between
 * training iterations if a run is active), then {@link ReceptiveField#measure} on a worker, about
 * 1-2 s at 28x28. The field depends only on the graph, not on the weights, so one measurement per
 * model is enough; the views keep it until the model changes.
 *
 * <p>Thread: call on the FX thread; the future completes on the FX executor.
 */
public final class Fields {

    private Fields() {
    }

    /** The field of {@code model}, or a failed future naming why it could not be measured. */
    public static CompletableFuture<ReceptiveField> measure(AppContext ctx, PixelModel model) {
        return ctx.session().snapshot()
                .thenCompose(copy -> ctx.jobs().submit(() -> ReceptiveField.measure(copy)))
                .thenApplyAsync(rf -> rf, ctx.jobs().fx());
    }
}
