package org.pixelscope.ui.masks;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.pixelscope.data.MnistData;
import org.pixelscope.inspect.MaskGrid;
import org.pixelscope.inspect.ReceptiveField;
import org.pixelscope.model.PixelModel;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.SharedModel;

/**
 * The masks view's state, all read from the session's model: the mask of every masked layer
 * ({@link MaskGrid#of(PixelModel)}, never re-derived), the measured receptive field per layer
 * for the output pixel the user clicked, and the learned kernel of one layer's output channel.
 * Everything is read from one snapshot of the weights taken when the model changes (or on
 * {@link #refreshWeights()}, since training moves the weights but not the masks); a replaced
 * snapshot is closed once the kernel reads in progress on it end.
 *
 * <p>Thread: FX only; snapshots, field measurement and weight reads run on workers.
 */
public final class MasksViewModel {

    private final AppContext ctx;
    private final ReadOnlyObjectWrapper<List<MaskGrid>> grids = new ReadOnlyObjectWrapper<>(this, "grids");
    private final ReadOnlyObjectWrapper<ReceptiveField> field = new ReadOnlyObjectWrapper<>(this, "field");
    private final ReadOnlyObjectWrapper<KernelWeights> kernel = new ReadOnlyObjectWrapper<>(this, "kernel");
    private final ReadOnlyObjectWrapper<PixelModel> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final IntegerProperty pixelRow = new SimpleIntegerProperty(this, "pixelRow", MnistData.SIDE / 2);
    private final IntegerProperty pixelCol = new SimpleIntegerProperty(this, "pixelCol", MnistData.SIDE / 2);
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", 0);
    private final StringProperty kernelLayer = new SimpleStringProperty(this, "kernelLayer");
    private final IntegerProperty outChannel = new SimpleIntegerProperty(this, "outChannel", 0);
    private SharedModel copy;
    private int loads;
    /** Completes once the masks and field of the latest model are read (or have failed to be). */
    private CompletableFuture<Void> loaded = CompletableFuture.completedFuture(null);

    /** A snapshot of the weights and the masks read from it. */
    private record Masked(PixelModel copy, List<MaskGrid> grids) {}

    public MasksViewModel(AppContext ctx) {
        this.ctx = ctx;
        kernelLayer.addListener((obs, o, v) -> loadKernel());
        outChannel.addListener((obs, o, v) -> loadKernel());
        ctx.session().modelProperty().addListener((obs, o, m) -> load(m));
        load(ctx.session().getModel());
    }

    /**
     * Masked layers in network order; empty for a model without masked convolutions, null while
     * they are read or without a model.
     */
    public ReadOnlyObjectProperty<List<MaskGrid>> gridsProperty() {
        return grids.getReadOnlyProperty();
    }

    /** The measured receptive field; null while it is measured or without a model. */
    public ReadOnlyObjectProperty<ReceptiveField> fieldProperty() {
        return field.getReadOnlyProperty();
    }

    /** The kernel on show; null while it is read. */
    public ReadOnlyObjectProperty<KernelWeights> kernelProperty() {
        return kernel.getReadOnlyProperty();
    }

    /** The model the grids and field were read from; null when none is loaded. */
    public ReadOnlyObjectProperty<PixelModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** Row of the output pixel whose receptive field is shown. */
    public IntegerProperty pixelRowProperty() {
        return pixelRow;
    }

    public IntegerProperty pixelColProperty() {
        return pixelCol;
    }

    /** Index into {@code field.layers()} of the layer drawn large (0 = first layer). */
    public IntegerProperty layerProperty() {
        return layer;
    }

    /** Name of the masked layer whose kernel is shown. */
    public StringProperty kernelLayerProperty() {
        return kernelLayer;
    }

    public IntegerProperty outChannelProperty() {
        return outChannel;
    }

    /** The mask of the layer whose kernel is shown, or null. */
    public MaskGrid kernelMask() {
        return grids.get() == null
                ? null
                : grids.get().stream()
                        .filter(g -> g.layer().equals(kernelLayer.get()))
                        .findFirst()
                        .orElse(null);
    }

    /** Selects the output pixel (row, col), clamped to the image. */
    public void selectPixel(int row, int col) {
        PixelModel m = model.get();
        int h = m == null ? MnistData.SIDE : m.spec().height();
        int w = m == null ? MnistData.SIDE : m.spec().width();
        pixelRow.set(Math.max(0, Math.min(h - 1, row)));
        pixelCol.set(Math.max(0, Math.min(w - 1, col)));
    }

    /**
     * Completes on the FX thread once the masks and the receptive field of the session's current
     * model are read (failures are reported); a newer model's reading replaces an older one's.
     */
    public CompletableFuture<Void> whenLoaded() {
        return loaded;
    }

    /** Shows the learned kernel of the first masked layer (mask A in a PixelCNN); none without masks. */
    public void showFirstKernel() {
        List<MaskGrid> g = grids.get();
        if (g != null && !g.isEmpty()) {
            kernelLayer.set(g.get(0).layer());
        }
    }

    /**
     * Shows the field after layer {@code index} of the measured field's layers: 0 is the first,
     * and a negative index counts from the end (-1 is the last). Clamped to the layers there are.
     */
    public void showLayer(int index) {
        ReceptiveField rf = field.get();
        if (rf == null) {
            return;
        }
        int n = rf.layers().size();
        layer.set(Math.max(0, Math.min(n - 1, index < 0 ? n + index : index)));
    }

    /** Reads the weights again (they move while a model trains; masks and field do not). */
    public void refreshWeights() {
        PixelModel m = model.get();
        if (m == null) {
            return;
        }
        int id = loads;
        ctx.session()
                .snapshot()
                .whenCompleteAsync(
                        (c, e) -> {
                            if (e == null && id != loads) {
                                c.close();
                            } else if (e != null) {
                                ctx.errors().report("Cannot read the weights", e);
                            } else {
                                replaceCopy(c);
                                loadKernel();
                            }
                        },
                        ctx.jobs().fx());
    }

    private void load(PixelModel m) {
        int id = ++loads;
        CompletableFuture<Void> previous = loaded;
        CompletableFuture<Void> done = new CompletableFuture<>();
        loaded = done;
        done.whenComplete((v, e) -> previous.complete(null));
        replaceCopy(null);
        model.set(m);
        field.set(null);
        kernel.set(null);
        grids.set(null);
        if (m == null) {
            done.complete(null);
            return;
        }
        selectPixel(m.spec().height() / 2, m.spec().width() / 2);
        ctx.status().show("Reading masks and measuring the receptive field…", -1);
        ctx.session()
                .snapshot()
                .thenCompose(c -> ctx.jobs().submit(() -> {
                    try {
                        return new Masked(c, MaskGrid.of(c));
                    } catch (RuntimeException e) {
                        c.close();
                        throw e;
                    }
                }))
                .thenComposeAsync(
                        read -> {
                            if (id != loads) {
                                read.copy().close();
                                return CompletableFuture.completedFuture(null);
                            }
                            replaceCopy(read.copy());
                            grids.set(List.copyOf(read.grids()));
                            kernelLayer.set(
                                    read.grids().isEmpty()
                                            ? null
                                            : read.grids().get(0).layer());
                            loadKernel();
                            return ctx.session().fields().of(m);
                        },
                        ctx.jobs().fx())
                .whenCompleteAsync(
                        (rf, e) -> {
                            if (id != loads) {
                                return;
                            }
                            done.complete(null);
                            ctx.status().idle(e == null ? "Receptive field measured" : "Could not inspect the model");
                            if (e != null) {
                                ctx.errors().report("Cannot inspect the model", e);
                            } else if (rf != null) {
                                layer.set(rf.layers().size() - 1);
                                field.set(rf);
                            }
                        },
                        ctx.jobs().fx());
    }

    /** Makes {@code c} the snapshot kernels are read from; the one before is closed when free. */
    private void replaceCopy(PixelModel c) {
        SharedModel old = copy;
        copy = c == null ? null : new SharedModel(c);
        if (old != null) {
            ctx.jobs().submit(() -> {
                old.retire();
                return null;
            });
        }
    }

    private void loadKernel() {
        SharedModel c = copy;
        String name = kernelLayer.get();
        int out = outChannel.get();
        int id = loads;
        if (c == null || name == null) {
            kernel.set(null);
            return;
        }
        ctx.jobs()
                .submit(() -> c.read(m -> KernelWeights.read(m, name, out)))
                .whenCompleteAsync(
                        (k, e) -> {
                            if (id != loads
                                    || c != copy
                                    || !name.equals(kernelLayer.get())
                                    || out != outChannel.get()) {
                                return;
                            }
                            if (e != null) {
                                ctx.errors().report("Cannot read the kernel of " + name, e);
                            } else {
                                kernel.set(k);
                            }
                        },
                        ctx.jobs().fx());
    }
}
