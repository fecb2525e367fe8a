package org.pixelscope.ui.summary;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.pixelscope.inspect.LayerSummary;
import org.pixelscope.inspect.SummaryRow;
import org.pixelscope.model.PixelModel;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.ErrorReporter;

/**
 * The layer table of the current model and its totals, the same {@link LayerSummary} the CLI's
 * {@code summary} command prints. Recomputed on a worker whenever the session's model changes
 * (the summary reads the network, which the FX thread never touches).
 *
 * <p>Thread: FX only.
 */
public final class SummaryViewModel {

    private final AppContext ctx;
    private final ObservableList<SummaryRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<LayerSummary> summary = new ReadOnlyObjectWrapper<>(this, "summary");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper total = new ReadOnlyStringWrapper(this, "total", "");
    private final ReadOnlyStringWrapper trainable = new ReadOnlyStringWrapper(this, "trainable", "");
    private final ReadOnlyStringWrapper nonTrainable = new ReadOnlyStringWrapper(this, "nonTrainable", "");
    private final ReadOnlyStringWrapper masked = new ReadOnlyStringWrapper(this, "masked", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private PixelModel shown;

    public SummaryViewModel(AppContext ctx) {
        this.ctx = ctx;
        ctx.session().modelProperty().addListener(o -> refresh());
        refresh();
    }

    /** One row per layer, in the network's order. */
    public ObservableList<SummaryRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** The summary shown; {@code null} while none is loaded. */
    public ReadOnlyObjectProperty<LayerSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** E.g. {@code Model "pixelcnn-chapter"}, or why there is no table. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty trainableProperty() {
        return trainable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nonTrainableProperty() {
        return nonTrainable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty maskedProperty() {
        return masked.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The table as plain text (what "Copy as text" puts on the clipboard); empty when none. */
    public String text() {
        LayerSummary s = summary.get();
        return s == null ? "" : s.toText();
    }

    /** Reads the current model's summary on a worker. */
    public void refresh() {
        PixelModel model = ctx.session().getModel();
        shown = model;
        if (model == null) {
            show(null);
            title.set("No model: open a checkpoint or create a model.");
            return;
        }
        loading.set(true);
        title.set("Reading " + model.spec().name() + "…");
        ctx.session()
                .read(LayerSummary::of)
                .whenCompleteAsync(
                        (s, error) -> {
                            if (model != shown) {
                                return;
                            }
                            loading.set(false);
                            if (error != null) {
                                show(null);
                                title.set("No summary: " + ErrorReporter.messageOf(error));
                                ctx.errors().report("Cannot summarise the model", error);
                            } else {
                                show(s);
                            }
                        },
                        ctx.jobs().fx());
    }

    private void show(LayerSummary s) {
        summary.set(s);
        rows.setAll(s == null ? List.of() : s.rows());
        title.set(s == null ? "" : "Model \"" + s.model() + "\"");
        total.set(s == null ? "" : count(s.totalParams()));
        trainable.set(s == null ? "" : count(s.trainableParams()));
        nonTrainable.set(s == null ? "" : count(s.nonTrainableParams()));
        masked.set(s == null ? "" : count(s.maskedZeros()));
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
