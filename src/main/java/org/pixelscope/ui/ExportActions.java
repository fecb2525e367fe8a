package org.pixelscope.ui;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.transform.Transform;
import org.pixelscope.data.GreyLevels;
import org.pixelscope.inspect.LayerSummary;
import org.pixelscope.inspect.SummaryMarkdown;
import org.pixelscope.model.PixelModel;
import org.pixelscope.sample.SampleImages;
import org.pixelscope.train.HistoryCsv;
import org.pixelscope.train.ImageLikelihoods;
import org.pixelscope.train.MnistTraining;
import org.pixelscope.train.TrainingHistory;
import org.pixelscope.ui.train.TrainView;

/**
 * File &gt; Export's figures, the same files the CLI writes: the training history as CSV
 * ({@code summary --history-csv}), the loss chart as PNG, the layer table as Markdown
 * ({@code summary --markdown}) and each test image's NLL as CSV ({@code eval --csv}). Reads of the
 * model go through the session (between iterations while a run trains); every write is atomic.
 *
 * <p>Thread: FX; the reading and writing run on workers.
 */
final class ExportActions {

    /** The chart is rendered at twice its on-screen size, sharp on a slide or a printout. */
    static final double CHART_SCALE = 2;

    private final AppContext ctx;

    ExportActions(AppContext ctx) {
        this.ctx = ctx;
    }

    CompletableFuture<Path> historyCsv(Path file) {
        String title = "Export training history";
        TrainingHistory history = ctx.session().historyProperty().get();
        PixelModel model = ctx.session().getModel();
        if (history == null || model == null) {
            return ExportJob.nothing(ctx, title, "open or create a model first.");
        }
        int pixels = model.spec().height() * model.spec().width();
        return ExportJob.run(ctx, title, file, () -> {
            HistoryCsv.write(file, history, pixels);
            return null;
        });
    }

    /** Snapshots the chart where it is shown (the Train tab must be selected) and writes it as PNG. */
    CompletableFuture<Path> chartPng(TrainView train, Path file) {
        String title = "Export loss chart";
        javafx.scene.Node chart = train.chartNode();
        if (chart.getLayoutBounds().getWidth() < 1 || chart.getLayoutBounds().getHeight() < 1) {
            return ExportJob.nothing(ctx, title, "the chart is not on screen; open the Train view first.");
        }
        SnapshotParameters params = new SnapshotParameters();
        params.setTransform(Transform.scale(CHART_SCALE, CHART_SCALE));
        WritableImage shot = chart.snapshot(params, null);
        int w = (int) shot.getWidth();
        int h = (int) shot.getHeight();
        int[] argb = new int[w * h];
        shot.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return ExportJob.run(ctx, title, file, () -> {
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            image.setRGB(0, 0, w, h, argb, 0, w);
            SampleImages.writePng(image, file);
            return null;
        });
    }

    CompletableFuture<Path> summaryMarkdown(Path file) {
        String title = "Export layer summary";
        if (ctx.session().getModel() == null) {
            return ExportJob.nothing(ctx, title, "open or create a model first.");
        }
        return reported(title, ctx.session().read(LayerSummary::of))
                .thenCompose(summary -> ExportJob.run(ctx, title, file, () -> {
                    SummaryMarkdown.write(file, summary);
                    return null;
                }));
    }

    /** Scores every test image (fixed binarisation, as {@code eval}); takes a while for 10,000 images. */
    CompletableFuture<Path> likelihoodCsv(Path file) {
        String title = "Export test likelihoods";
        PixelModel current = ctx.session().getModel();
        if (current == null) {
            return ExportJob.nothing(ctx, title, "open or create a model first.");
        }
        int pixels = current.spec().height() * current.spec().width();
        String job = "Scoring every test image for " + file.getFileName() + "…";
        ctx.status().show(job, -1);
        CompletableFuture<Export> scored = ctx.session()
                .mnist()
                .thenCompose(mnist -> ctx.session().read(model -> {
                    MnistTraining.requireSize(mnist, model.spec());
                    return new Export(
                            ImageLikelihoods.nats(
                                    model, MnistTraining.evaluation(mnist.test(), 0, new GreyLevels(model.levels()))),
                            mnist.testLabels());
                }));
        return reported(title, scored)
                .thenCompose(e -> ExportJob.run(ctx, title, file, () -> {
                    ImageLikelihoods.write(
                            file, e.nats(), java.util.Arrays.copyOf(e.labels(), e.nats().length), pixels);
                    return null;
                }));
    }

    private record Export(double[] nats, byte[] labels) {}

    /** Reports a failure of the reading step the way {@link ExportJob} reports a failed write. */
    private <T> CompletableFuture<T> reported(String title, CompletableFuture<T> step) {
        return step.whenCompleteAsync(
                (v, e) -> {
                    if (e != null) {
                        ctx.status().idle(title + " failed");
                        ctx.errors().report(title + " failed", e);
                    }
                },
                ctx.jobs().fx());
    }
}
