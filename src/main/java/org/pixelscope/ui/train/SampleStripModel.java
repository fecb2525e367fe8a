package org.pixelscope.ui.train;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.pixelscope.model.PixelModel;
import org.pixelscope.sample.RasterSampler;
import org.pixelscope.sample.SampleRequest;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.sample.SamplerKind;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.ErrorReporter;

/**
 * A few samples from the current weights, drawn after each epoch so a learner watches the
 * scribbles of an untrained model turn into digits. Every refresh uses the same seed, so the
 * random numbers stay fixed and only the model changes between strips.
 *
 * <p>Sampling works on a {@link org.pixelscope.ui.ModelSession#snapshot() snapshot} (taken
 * between iterations while training runs) on a worker thread; it takes a few seconds. A refresh
 * asked for while one runs is done right after it.
 *
 * <p>While the Train view is hidden ({@link #setShowing}) a refresh takes its snapshot at once but
 * draws it only when the view opens: the strip is nobody's to see, and on a 2-core machine its
 * sampling would slow the generation the user is watching in the Sample view (at a first start
 * the two ran side by side with the receptive-field measurement). Only the latest such snapshot
 * is kept.
 *
 * <p>Thread: FX only.
 */
public final class SampleStripModel {

    /** Images in the strip. */
    public static final int COUNT = 8;

    private final AppContext ctx;
    private final LongSupplier seed;
    private final ReadOnlyObjectWrapper<SampleTrace> samples = new ReadOnlyObjectWrapper<>(this, "samples");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper(this, "caption", "");
    private AtomicBoolean current = new AtomicBoolean();
    private String pending;
    private boolean showing = true;
    /** A strip asked for while hidden: its snapshot, taken then, and when it was asked for. */
    private Deferred deferred;

    private record Deferred(String when, long seed, AtomicBoolean token, CompletableFuture<PixelModel> snapshot) {

        void discard() {
            snapshot.thenAccept(PixelModel::close);
        }
    }

    public SampleStripModel(AppContext ctx, LongSupplier seed) {
        this.ctx = ctx;
        this.seed = seed;
        clear();
    }

    /** The last finished strip; {@code null} before the first. */
    public ReadOnlyObjectProperty<SampleTrace> samplesProperty() {
        return samples.getReadOnlyProperty();
    }

    /** True while a strip is being drawn. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What the strip shows, or that it is being drawn. */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** Draws a new strip from the current weights; {@code when} says when, e.g. "after epoch 2". */
    public void refresh(String when) {
        if (busy.get()) {
            pending = when;
            return;
        }
        PixelModel model = ctx.session().getModel();
        if (model == null) {
            caption.set("No model: open or create one to see samples.");
            return;
        }
        Deferred d = new Deferred(when, seed.getAsLong(), current, ctx.session().snapshot());
        if (deferred != null) {
            deferred.discard();
            deferred = null;
        }
        if (showing) {
            start(d);
        } else {
            deferred = d;
            caption.set("Samples " + when + " are drawn when this view is shown.");
        }
    }

    /**
     * Whether the view is on screen (the Train tab is selected). Showing it draws a strip asked for
     * while it was hidden; a view used on its own counts as showing.
     */
    public void setShowing(boolean showing) {
        this.showing = showing;
        if (showing && deferred != null && !busy.get()) {
            Deferred d = deferred;
            deferred = null;
            start(d);
        }
    }

    private void start(Deferred d) {
        busy.set(true);
        caption.set("Sampling " + COUNT + " images " + d.when() + "…");
        d.snapshot()
                .thenCompose(copy -> ctx.jobs().submit(() -> draw(copy, d.seed(), d.token())))
                .whenCompleteAsync(
                        (trace, error) -> finished(d.token(), d.when(), d.seed(), trace, error),
                        ctx.jobs().fx());
    }

    /** Forgets the strip (a new model) and abandons a strip being drawn. */
    public void clear() {
        current.set(true);
        current = new AtomicBoolean();
        pending = null;
        if (deferred != null) {
            deferred.discard();
            deferred = null;
        }
        busy.set(false);
        samples.set(null);
        caption.set("Samples appear after each epoch, or press Refresh samples.");
    }

    /** Samples the strip from {@code copy}, which it then closes (the strip owns its snapshot). */
    private static SampleTrace draw(PixelModel copy, long seed, AtomicBoolean cancelled) {
        try (copy) {
            SampleTrace trace = SampleTrace.of(copy, COUNT);
            new RasterSampler(SamplerKind.fastest(copy.spec()))
                    .sample(copy, SampleRequest.fresh(COUNT, seed, 1.0), trace, cancelled::get);
            return trace;
        }
    }

    private void finished(AtomicBoolean token, String when, long s, SampleTrace trace, Throwable error) {
        if (token != current) {
            return;
        }
        busy.set(false);
        if (error != null) {
            caption.set("Sampling failed: " + ErrorReporter.messageOf(error));
            ctx.errors().report("Sampling failed", error);
        } else {
            samples.set(trace);
            caption.set("Samples " + when + " (seed " + s + ", temperature 1)");
        }
        if (pending != null) {
            String next = pending;
            pending = null;
            refresh(next);
        }
    }
}
