package org.pixelscope.ui.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import org.pixelscope.model.GatedPixelCnnSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.ui.ModelSession;
import org.pixelscope.ui.masks.MasksViewModel;
import org.pixelscope.ui.sample.SampleViewModel;
import org.pixelscope.ui.summary.SummaryViewModel;
import org.pixelscope.ui.train.TrainViewModel;

/**
 * Resident memory across model switches, through the app's own code path: the four views' models
 * follow the {@link ModelSession} as they do in the window, and the driver switches between the
 * shipped chapter checkpoint and a new Gated PixelCNN as the model picker does. After each switch
 * it waits until every view has finished with the new model (the Sample view's generation
 * computed, the Masks view's field measured, the Summary read, the Train view's sample strip
 * drawn), then prints resident memory.
 *
 * <p>Run with {@code scripts/model-switch-rss.sh [SWITCHES]}. Thread: main, plus the harness's.
 */
public final class ModelSwitchSoak {

    private ModelSwitchSoak() {}

    public static void main(String[] args) throws Exception {
        int switches = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path shipped = ModelSession.shippedCheckpoint();
        Path autosave = Files.createTempDirectory("pixelscope-soak-autosave");
        try (SoakHarness h = new SoakHarness(autosave)) {
            SampleViewModel sample = h.onFx(() -> new SampleViewModel(h.ctx));
            MasksViewModel masks = h.onFx(() -> new MasksViewModel(h.ctx));
            SummaryViewModel summary = h.onFx(() -> new SummaryViewModel(h.ctx));
            TrainViewModel train = h.onFx(() -> new TrainViewModel(h.ctx));
            System.out.println("start          " + SoakHarness.memoryLine());
            for (int i = 1; i <= switches; i++) {
                long t0 = System.nanoTime();
                boolean gated = i % 2 == 0;
                PixelModel m = h.onFx(
                                () -> gated ? h.session.create(GatedPixelCnnSpec.standard()) : h.session.open(shipped))
                        .get();
                h.await(
                        "the views to finish with the new model",
                        () -> h.session.getModel() == m
                                && sample.traceProperty().get() != null
                                && sample.computedProperty().get()
                                        == sample.traceProperty().get().pixelsPerImage()
                                && masks.fieldProperty().get() != null
                                && sample.fieldProperty().get() != null
                                && !summary.loadingProperty().get()
                                && !train.samples().busyProperty().get(),
                        600);
                System.out.printf(
                        "switch %2d %-6s %s   (%.1f s)%n",
                        i, gated ? "gated" : "chapter", SoakHarness.memoryLine(), (System.nanoTime() - t0) / 1e9);
            }
            Thread.sleep(45_000);
            System.out.println("idle 45 s      " + SoakHarness.memoryLine());
            System.gc();
            Thread.sleep(5_000);
            System.out.println("after GC       " + SoakHarness.memoryLine());
        }
        System.exit(0);
    }
}
