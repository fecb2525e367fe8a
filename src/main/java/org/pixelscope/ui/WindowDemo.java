package org.pixelscope.ui;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.pixelscope.ui.likelihood.LikelihoodViewModel;
import org.pixelscope.ui.masks.MasksViewModel;
import org.pixelscope.ui.sample.SampleViewModel;

/**
 * The main window's {@link DemoControls}: each method delegates to a view model's public
 * methods, the ones the view's own controls use.
 *
 * <p>Thread: FX only.
 */
final class WindowDemo implements DemoControls {

    private final MainWindow window;
    private final Views views;

    WindowDemo(MainWindow window, Views views) {
        this.window = window;
        this.views = views;
    }

    @Override
    public void selectView(String title) {
        for (int i = 0; i < views.entries().size(); i++) {
            if (views.entries().get(i).title().equals(title)) {
                window.selectTab(i);
                return;
            }
        }
        throw new IllegalArgumentException("no view is called '" + title + "'");
    }

    @Override
    public CompletableFuture<Void> openShipped() {
        ModelSession session = window.context().session();
        Path shipped = ModelSession.shippedCheckpoint();
        if (session.getModel() != null
                && !session.hasUnsavedWork()
                && isShipped(session.checkpointProperty().get())) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> opened = new CompletableFuture<>();
        window.unsavedWork()
                .guard("open the pretrained model for the tour", () -> {
                    AppContext ctx = window.context();
                    String job = "Opening the pretrained model…";
                    ctx.status().show(job, -1);
                    session.open(shipped)
                            .whenCompleteAsync(
                                    (m, err) -> {
                                        if (err == null) {
                                            window.prefs().lastCheckpoint(shipped);
                                            ctx.status().finish(job, "Opened " + shipped.getFileName());
                                            opened.complete(null);
                                        } else {
                                            ctx.status().idle("Failed: " + ErrorReporter.messageOf(err));
                                            ctx.errors().report("Could not open the model", err);
                                            opened.completeExceptionally(err);
                                        }
                                    },
                                    ctx.jobs().fx());
                })
                .thenAccept(ran -> {
                    if (!ran) {
                        opened.completeExceptionally(
                                new CancellationException("the current model was kept; Next or Back tries again"));
                    }
                });
        return opened;
    }

    private static boolean isShipped(Path checkpoint) {
        return checkpoint != null
                && checkpoint
                        .toAbsolutePath()
                        .normalize()
                        .equals(ModelSession.shippedCheckpoint()
                                .toAbsolutePath()
                                .normalize());
    }

    @Override
    public CompletableFuture<Void> compareWith(String name) {
        return sample().compareWith(name);
    }

    @Override
    public CompletableFuture<Void> samplePlayFromStart() {
        SampleViewModel vm = sample();
        return vm.reset().thenRun(vm::play);
    }

    @Override
    public void sampleShowPixel(int row, int col) {
        sample().showPixel(row, col);
    }

    @Override
    public void sampleFinish() {
        sample().finish();
    }

    @Override
    public CompletableFuture<Void> masksShowFirstKernel() {
        MasksViewModel vm = views.masks().viewModel();
        return vm.whenLoaded().thenRun(vm::showFirstKernel);
    }

    @Override
    public CompletableFuture<Void> masksShowField(int row, int col, int layer) {
        MasksViewModel vm = views.masks().viewModel();
        return vm.whenLoaded().thenRun(() -> {
            vm.selectPixel(row, col);
            vm.showLayer(layer);
        });
    }

    @Override
    public void likelihoodShowTestImage(int index) {
        LikelihoodViewModel vm = views.likelihood().viewModel();
        vm.showTest(index);
    }

    private SampleViewModel sample() {
        return views.sample().viewModel();
    }
}
