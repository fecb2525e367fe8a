package org.pixelscope.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.pixelscope.inspect.ReceptiveField;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.PixelModel;

/**
 * The session's receptive-field service: {@link ReceptiveField#measure} on a worker, about 1-2 s
 * at 28x28 for a PixelCNN, a minute or more for a Diagonal BiLSTM. The field depends only on the
 * graph, which the spec fixes, not on the weights: one measurement per spec serves every view
 * (Sample, Masks), a model that trains keeps its field, and switching back to a model measured a
 * moment ago is instant. The last {@link #CAPACITY} specs are kept (a field is H*W*H*W booleans
 * per layer, about 5 MB for the chapter PixelCNN); the cache lives and dies with its session.
 *
 * <p>Thread: FX only; the future completes on the FX executor.
 */
public final class ReceptiveFields {

    /** Specs whose fields are kept: a few models to switch between. */
    static final int CAPACITY = 4;

    private final ModelSession session;
    private final Map<ModelSpec, CompletableFuture<ReceptiveField>> measured = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ModelSpec, CompletableFuture<ReceptiveField>> eldest) {
            return size() > CAPACITY;
        }
    };

    ReceptiveFields(ModelSession session) {
        this.session = session;
    }

    /** The field of {@code model}, or a failed future naming why it could not be measured (asking again retries). */
    public CompletableFuture<ReceptiveField> of(PixelModel model) {
        CompletableFuture<ReceptiveField> known = measured.get(model.spec());
        if (known != null && !known.isCompletedExceptionally()) {
            return known;
        }
        if (session.getModel() != model) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("the model changed before its field was measured"));
        }
        CompletableFuture<ReceptiveField> field = session.read(ReceptiveFields::measure)
                .thenApplyAsync(rf -> rf, session.jobs().fx());
        measured.put(model.spec(), field);
        return field;
    }

    /**
     * The field of a model the session does not hold, such as the second model the Sample view
     * compares with: cached per spec like the session's own (comparing with a model of the
     * current spec costs nothing), measured on a worker through {@code model}, which stays open
     * while it is read. Fails if {@code model} is retired before the measurement starts.
     */
    public CompletableFuture<ReceptiveField> of(SharedModel model) {
        ModelSpec spec = model.model().spec();
        CompletableFuture<ReceptiveField> known = measured.get(spec);
        if (known != null && !known.isCompletedExceptionally()) {
            return known;
        }
        CompletableFuture<ReceptiveField> field = session.jobs()
                .submit(() -> model.read(ReceptiveFields::measure))
                .thenApplyAsync(rf -> rf, session.jobs().fx());
        measured.put(spec, field);
        return field;
    }

    private static ReceptiveField measure(PixelModel m) {
        ReceptiveField rf = ReceptiveField.measure(m);
        // The measurement leaves about 1.5 GB of activations behind (H*W one-hot images through
        // every layer) that only a collection frees: collect now, once, rather than let the
        // next ones pile up on top of them.
        System.gc();
        return rf;
    }

    /** Specs with a field measured or being measured, least recently used first (tests). */
    java.util.Set<ModelSpec> cached() {
        return measured.keySet();
    }
}
