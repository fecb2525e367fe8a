package org.pixelscope.ui;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.PixelModel;
import org.pixelscope.ui.data.DataPreview;
import org.pixelscope.ui.data.DataPreviewDialog;

/**
 * File &gt; Open Data: choose a folder (the four MNIST IDX files, or pictures with optional
 * sub-folders as labels), read it on a worker, show what the model will see, and switch every
 * view to it when the user agrees. Opened folders go to the front of File &gt; Recent Data.
 *
 * <p>Thread: FX; reading and converting run on a worker.
 */
final class DataActions {

    private final AppContext ctx;
    private final AppPreferences prefs;
    private final java.util.function.Supplier<Window> owner;
    /** Called after the recent list changed, so the menu can rebuild it. */
    private final Runnable recentChanged;

    DataActions(
            AppContext ctx, AppPreferences prefs, java.util.function.Supplier<Window> owner, Runnable recentChanged) {
        this.ctx = ctx;
        this.prefs = prefs;
        this.owner = owner;
        this.recentChanged = recentChanged;
    }

    void choose() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Open data: a folder of MNIST IDX files or of PNG/JPEG pictures");
        Path current = ctx.session().dataDir();
        if (current != null && current.toAbsolutePath().getParent() != null) {
            dc.setInitialDirectory(current.toAbsolutePath().getParent().toFile());
        }
        java.io.File dir = dc.showDialog(owner.get());
        if (dir != null) {
            open(dir.toPath());
        }
    }

    /** Reads {@code dir}, previews it, and uses it if the user agrees; the future holds the answer. */
    CompletableFuture<Boolean> open(Path dir) {
        return preview(dir).thenApplyAsync(this::ask, ctx.jobs().fx());
    }

    /** Reads and describes {@code dir} on a worker; failures are reported to the user. */
    CompletableFuture<DataPreview> preview(Path dir) {
        if (ctx.session().isTraining()) {
            ctx.errors()
                    .report(
                            "Cannot switch data",
                            "Stop training before switching data: the run trains on "
                                    + ctx.session().dataDir().getFileName() + " until it ends.");
            return CompletableFuture.failedFuture(new IllegalStateException("training"));
        }
        PixelModel model = ctx.session().getModel();
        int rows = model == null ? 0 : model.spec().height();
        int cols = model == null ? 0 : model.spec().width();
        String job = "Reading " + dir.getFileName() + "…";
        ctx.status().show(job, -1);
        return ctx.jobs()
                .submit(() -> DataPreview.of(MnistData.open(dir), rows, cols))
                .whenCompleteAsync(
                        (p, err) -> {
                            if (err != null) {
                                ctx.status().idle("Could not read " + dir.getFileName());
                                ctx.errors().report("Could not open the data", err);
                            } else {
                                ctx.status().finish(job, "Read " + dir.getFileName());
                            }
                        },
                        ctx.jobs().fx());
    }

    private boolean ask(DataPreview preview) {
        boolean use = new DataPreviewDialog(owner.get(), preview).showAndWait().orElse(false);
        if (use) {
            use(preview);
        }
        return use;
    }

    /** Switches every view to the previewed data and remembers the folder. */
    void use(DataPreview preview) {
        try {
            ctx.session().useData(preview.opened().data());
        } catch (IllegalStateException e) {
            ctx.errors().report("Cannot switch data", e.getMessage());
            return;
        }
        Path source = preview.opened().data().source();
        if (!source.toAbsolutePath()
                .normalize()
                .equals(MnistData.defaultDir().toAbsolutePath().normalize())) {
            prefs.dataOpened(source);
            recentChanged.run();
        }
        ctx.status()
                .idle("Data: " + source.getFileName() + " · "
                        + preview.opened().data().splitLine());
    }
}
