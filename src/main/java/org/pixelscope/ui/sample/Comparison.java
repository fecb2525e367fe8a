package org.pixelscope.ui.sample;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.pixelscope.inspect.ReceptiveField;
import org.pixelscope.model.PixelModel;
import org.pixelscope.sample.PixelStep;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.ui.AppContext;

/**
 * The second pane of the Sample view: a model to compare the session's model with, and the
 * generation it draws beside the session model's, from the same request (count, seed,
 * temperature, completion), so with the same random numbers. The view model plays both back
 * from one {@link Playback} fed with the lesser of the two samplers' progress: every step shows
 * the same pixel in both panes, and the slower model sets the pace.
 *
 * <p>Any change of the model compared with (chosen, replaced, ended) restarts the generation of
 * both panes through {@code restart}, so the panes always start together. The comparison owns
 * its {@link ComparedModel} and closes it when it is replaced or the comparison ends.
 *
 * <p>Thread: FX only. Loading, copying, measuring and sampling run on workers of {@code ctx.jobs()}.
 */
final class Comparison {

    private final AppContext ctx;
    private final Supplier<CompletableFuture<Void>> restart;
    private final ObjectProperty<CompareSource> source =
            new SimpleObjectProperty<>(this, "source", new CompareSource.None());
    private final ReadOnlyObjectWrapper<ComparedModel> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyObjectWrapper<ReceptiveField> field = new ReadOnlyObjectWrapper<>(this, "field");
    private final ReadOnlyObjectWrapper<SampleTrace> trace = new ReadOnlyObjectWrapper<>(this, "trace");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private Generation current;
    private int loadId;
    /** Completes once the latest choice has loaded (or failed) and both panes have restarted. */
    private CompletableFuture<Void> settled = CompletableFuture.completedFuture(null);

    /**
     * {@code restart}: starts a new generation in both panes (the view model's reset); its future
     * completes once the panes show it.
     */
    Comparison(AppContext ctx, Supplier<CompletableFuture<Void>> restart) {
        this.ctx = ctx;
        this.restart = restart;
        source.addListener((obs, was, now) -> choose(now));
    }

    /** The model to compare with; {@link CompareSource.None} ends the comparison. */
    ObjectProperty<CompareSource> sourceProperty() {
        return source;
    }

    /**
     * Compares with {@code s} ({@link CompareSource.None} ends the comparison), as a choice in the
     * picker does. The future completes on the FX thread once the model has loaded (or failed to,
     * which is reported) and both panes have started drawing anew; at once when nothing changes.
     */
    CompletableFuture<Void> select(CompareSource s) {
        if (!s.equals(source.get())) {
            source.set(s);
        }
        return settled;
    }

    /** The model compared with, once loaded; null when not comparing or while it loads. */
    ReadOnlyObjectProperty<ComparedModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** True from a choice until its model is loaded or has failed to load. */
    ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The compared model's measured receptive field; null while it is measured. */
    ReadOnlyObjectProperty<ReceptiveField> fieldProperty() {
        return field.getReadOnlyProperty();
    }

    /** The compared model's generation on show, or null. */
    ReadOnlyObjectProperty<SampleTrace> traceProperty() {
        return trace.getReadOnlyProperty();
    }

    boolean active() {
        return model.get() != null;
    }

    Generation current() {
        return current;
    }

    /** The compared model's generation for {@code s}, or null when there is no model to compare with. */
    CompletableFuture<Generation> prepare(Generation.Settings s) {
        ComparedModel m = model.get();
        return m == null
                ? CompletableFuture.completedFuture(null)
                : Generation.prepare(ctx, m.spec(), m.snapshot(ctx), s);
    }

    /** Stops the generation on show (its copy of the weights is closed when its run ends). */
    void cancel() {
        if (current != null) {
            current.cancel();
        }
    }

    /**
     * Makes {@code g} (null for none) the generation on show. Its trace is {@link #publish()
     * published} once the view model has brought the playback position in line with it.
     */
    void install(Generation g) {
        current = g;
    }

    /** Tells listeners of {@link #traceProperty()} about the generation installed last. */
    void publish() {
        trace.set(current == null ? null : current.trace());
    }

    /** The sampler's progress in the generation on show, 0 without one. */
    int cursor() {
        return current == null ? 0 : current.trace().cursor();
    }

    /** Value shown at {@code position} of {@code image} with the playback at {@code shown}: 0, 1, or -1. */
    int valueAt(int image, int position, int shown) {
        return current == null ? -1 : current.shownValue(image, position, shown);
    }

    /** The pixel shown last in {@code image}, or null. */
    PixelStep step(int image, int shown) {
        return current == null ? null : current.shownStep(image, shown);
    }

    /**
     * Ends the comparison when the session's model changes to one of another image size (the
     * panes draw the same raster positions); a model of the same size keeps the comparison.
     */
    void sessionModelChanged(PixelModel m) {
        ComparedModel cm = model.get();
        if (cm != null && m != null && !fits(cm, m)) {
            ctx.status().idle("Comparison ended: " + m.spec().name() + " draws images of another size");
            source.set(new CompareSource.None());
        }
    }

    private void choose(CompareSource s) {
        int id = ++loadId;
        // whoever waits for an older choice waits for this one: it replaced theirs
        CompletableFuture<Void> previous = settled;
        settled = new CompletableFuture<>();
        settled.whenComplete((v, e) -> previous.complete(null));
        ComparedModel old = model.get();
        boolean wasLoading = loading.get();
        model.set(null);
        field.set(null);
        loading.set(false);
        if (old != null) {
            old.close();
        }
        if (s == null || s instanceof CompareSource.None) {
            if (old != null || wasLoading) {
                restart.get().whenComplete((v, failure) -> settle(id));
            } else {
                settle(id);
            }
            return;
        }
        PixelModel main = ctx.session().getModel();
        if (main == null) {
            ctx.errors().report("Cannot compare", "Open or create a model first: the comparison draws beside it.");
            source.set(new CompareSource.None());
            return;
        }
        int h = main.spec().height();
        int w = main.spec().width();
        long seed = ctx.session().newModelSeedProperty().get();
        loading.set(true);
        String job = "Loading " + s.label() + " to compare…";
        ctx.status().show(job, -1);
        ctx.jobs()
                .submit(() -> ComparedModel.load(s, h, w, seed))
                .whenCompleteAsync(
                        (cm, e) -> loaded(id, s, cm, e, job), ctx.jobs().fx());
    }

    private void loaded(int id, CompareSource s, ComparedModel cm, Throwable e, String job) {
        if (id != loadId) {
            if (cm != null) {
                cm.close(); // a newer choice won
            }
            return;
        }
        loading.set(false);
        PixelModel main = ctx.session().getModel();
        if (e == null && (main == null || !fits(cm, main))) {
            cm.close();
            e = new IllegalArgumentException("the current model changed to one of another image size meanwhile");
        }
        if (e != null) {
            ctx.status().finish(job, "Comparison failed");
            ctx.errors().report("Cannot compare with " + s.label(), e);
            source.set(new CompareSource.None());
            return;
        }
        model.set(cm);
        ctx.status().finish(job, "Comparing with " + cm.name());
        cm.field(ctx)
                .whenCompleteAsync(
                        (rf, fe) -> {
                            if (model.get() != cm) {
                                return;
                            }
                            if (fe != null) {
                                ctx.errors().report("Cannot measure the receptive field of " + cm.name(), fe);
                            } else {
                                field.set(rf);
                            }
                        },
                        ctx.jobs().fx());
        restart.get().whenComplete((v, failure) -> settle(id));
    }

    /** Completes the wait for choice {@code id} if no newer choice replaced it (which completes it in turn). */
    private void settle(int id) {
        if (id == loadId) {
            settled.complete(null);
        }
    }

    private static boolean fits(ComparedModel cm, PixelModel main) {
        return cm.spec().height() == main.spec().height()
                && cm.spec().width() == main.spec().width();
    }
}
