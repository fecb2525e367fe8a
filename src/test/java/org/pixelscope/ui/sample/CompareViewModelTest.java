package org.pixelscope.ui.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelscope.model.GatedPixelCnnSpec;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.sample.PixelStep;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.Autosave;
import org.pixelscope.ui.JobRunner;
import org.pixelscope.ui.ModelSession;
import org.pixelscope.ui.StatusModel;

/**
 * Two models side by side in the Sample view, headless with the same-thread job runner (each
 * generation is complete when the call that started it returns): both panes show the same pixel
 * at every step, the same model in both panes draws the same images (the panes share the seed
 * and so the random numbers), and the compared model's native memory is freed when it is
 * replaced or the comparison ends.
 */
class CompareViewModelTest {

    private static final PixelCnnSpec TINY = new PixelCnnSpec("tiny", "test", 8, 8, 4, 3, 1, 3, false);
    private static final GatedPixelCnnSpec GATED = new GatedPixelCnnSpec("tiny-gated", "test", 8, 8, 4, 3, 2, 3);
    private static final int HW = 64;

    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();
    private ModelSession session;
    private SampleViewModel vm;

    @BeforeEach
    void start() throws Exception {
        session = new ModelSession(JobRunner.direct(), dir.resolve("no-mnist"), Autosave.in(dir.resolve("autosave")));
        session.create(TINY).get();
        vm = new SampleViewModel(new AppContext(session, new StatusModel(), (t, m) -> errors.add(t + ": " + m)));
        vm.countProperty().set(3);
        vm.pause();
    }

    @AfterEach
    void close() {
        vm.compareWithProperty().set(new CompareSource.None());
        session.getModel().close();
    }

    @Test
    void everyStepShowsTheSamePixelInBothPanes() {
        vm.compareWithProperty().set(new CompareSource.Untrained(GATED));
        assertThat(vm.comparison().modelProperty().get().spec()).isEqualTo(GATED);
        SampleTrace a = vm.traceProperty().get();
        SampleTrace b = vm.comparison().traceProperty().get();
        assertThat(b).isNotNull().isNotSameAs(a);
        assertThat(vm.shownProperty().get()).as("paused before the first pixel").isZero();

        vm.stepRow();
        vm.stepPixel();
        vm.stepPixel();

        int n = 8 + 2;
        assertThat(vm.shownProperty().get()).isEqualTo(n);
        PixelStep left = vm.currentStep();
        PixelStep right = vm.comparedStep();
        assertThat(List.of(left.row(), left.col())).isEqualTo(List.of(1, 1));
        assertThat(List.of(right.row(), right.col())).isEqualTo(List.of(1, 1));
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < HW; k++) {
                assertThat(vm.valueAt(i, k) >= 0)
                        .as("left, image %d position %d", i, k)
                        .isEqualTo(k < n);
                assertThat(vm.comparedValueAt(i, k) >= 0)
                        .as("right, image %d position %d", i, k)
                        .isEqualTo(k < n);
            }
        }
        assertThat(vm.comparison().fieldProperty().get())
                .as("the compared model's field")
                .isNotNull();
        assertThat(vm.comparison().fieldProperty().get().height()).isEqualTo(8);
        assertThat(vm.agreement().compared()).isEqualTo(3 * n);
        assertThat(errors).isEmpty();
    }

    @Test
    void exportingAComparisonWritesBothPanesSideBySide() throws Exception {
        vm.compareWithProperty().set(new CompareSource.Untrained(GATED));
        vm.stepRow();
        vm.stepRow();
        Path png = vm.exportPng(dir.resolve("pair.png")).get(60, java.util.concurrent.TimeUnit.SECONDS);

        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        SampleTrace a = vm.traceProperty().get();
        SampleTrace b = vm.comparison().traceProperty().get();
        int scale = GridExport.scale(3, 8);
        java.awt.image.BufferedImage left = org.pixelscope.sample.SampleImages.grid(a, scale, 16);
        java.awt.image.BufferedImage right = org.pixelscope.sample.SampleImages.grid(b, scale, 16);
        assertThat(image.getWidth()).isGreaterThan(2 * left.getWidth());
        assertThat(image.getHeight()).isEqualTo(GridExport.CAPTION_PX + left.getHeight());
        int rightX = image.getWidth() - right.getWidth();
        for (int y = 0; y < left.getHeight(); y++) {
            for (int x = 0; x < left.getWidth(); x++) {
                assertThat(image.getRGB(x, GridExport.CAPTION_PX + y))
                        .as("left grid at %d,%d", x, y)
                        .isEqualTo(left.getRGB(x, y));
                assertThat(image.getRGB(rightX + x, GridExport.CAPTION_PX + y))
                        .as("right grid at %d,%d", x, y)
                        .isEqualTo(right.getRGB(x, y));
            }
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void theSlowerSamplerSetsThePace() throws Exception {
        // real workers; the "FX thread" is this test thread, which runs what the workers hand back
        BlockingQueue<Runnable> fx = new LinkedBlockingQueue<>();
        GatedPixelCnnSpec slow = new GatedPixelCnnSpec("slow-gated", "test", 8, 8, 48, 7, 6, 5);
        try (JobRunner jobs = JobRunner.threaded(fx::add)) {
            ModelSession threaded =
                    new ModelSession(jobs, dir.resolve("no-mnist"), Autosave.in(dir.resolve("autosave2")));
            threaded.create(TINY);
            runUntil(fx, () -> threaded.getModel() != null);
            SampleViewModel v =
                    new SampleViewModel(new AppContext(threaded, new StatusModel(), (t, m) -> errors.add(t + m)));
            v.speedProperty().set(Playback.FASTEST);
            v.compareWithProperty().set(new CompareSource.Untrained(slow));
            runUntil(fx, () -> v.comparison().traceProperty().get() != null);
            SampleTrace a = v.traceProperty().get();
            SampleTrace b = v.comparison().traceProperty().get();
            long now = 0;
            int ticks = 0;
            while (!(a.complete() && b.complete() && v.shownProperty().get() == HW)) {
                for (Runnable r = fx.poll(5, TimeUnit.MILLISECONDS); r != null; r = fx.poll()) {
                    r.run();
                }
                v.tick(now += 16_000_000);
                ticks++;
                int bothDone = Math.min(a.cursor(), b.cursor());
                assertThat(v.shownProperty().get()).as("tick %d", ticks).isLessThanOrEqualTo(bothDone);
                assertThat(ticks).as("finished within a minute").isLessThan(12_000);
            }
            v.compareWithProperty().set(new CompareSource.None());
            runUntil(fx, () -> v.comparison().traceProperty().get() == null);
            threaded.getModel().close();
        }
        assertThat(errors).isEmpty();
    }

    private static void runUntil(BlockingQueue<Runnable> fx, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited a minute").isLessThan(end);
            Runnable r = fx.poll(10, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
        }
    }

    @Test
    void theSameModelInBothPanesDrawsTheSameImages() {
        // the session's model and the compared one are both built from the session's seed for new models
        vm.compareWithProperty().set(new CompareSource.Untrained(TINY));
        vm.finish();
        SampleTrace a = vm.traceProperty().get();
        SampleTrace b = vm.comparison().traceProperty().get();
        assertThat(a.complete()).isTrue();
        assertThat(b.complete()).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(b.image(i)).as("image %d", i).isEqualTo(a.image(i));
            for (int k = 0; k < HW; k++) {
                assertThat(b.step(i, k).probability()).isEqualTo(a.step(i, k).probability());
            }
        }
        assertThat(vm.agreement()).isEqualTo(new Agreement(3 * HW, 0));

        // and another model, from the same random numbers, draws other images
        vm.compareWithProperty().set(new CompareSource.Untrained(GATED));
        vm.finish();
        assertThat(vm.agreement().compared()).isEqualTo(3 * HW);
        assertThat(vm.agreement().differ()).isPositive();
        assertThat(errors).isEmpty();
    }

    @Test
    void endingTheComparisonClosesTheComparedModel() {
        vm.compareWithProperty().set(new CompareSource.Untrained(GATED));
        PixelModel compared = vm.comparison().modelProperty().get().model();
        assertThat(compared.isClosed()).isFalse();

        vm.compareWithProperty().set(new CompareSource.None());

        assertThat(compared.isClosed()).isTrue();
        assertThat(vm.comparison().traceProperty().get()).isNull();
        assertThat(vm.comparedStep()).isNull();
        assertThat(vm.traceProperty().get())
                .as("the session's model draws on alone")
                .isNotNull();
        assertThat(session.getModel().isClosed()).isFalse();
        assertThat(errors).isEmpty();
    }

    @Test
    void replacingTheComparedModelClosesTheOldOne() {
        vm.compareWithProperty().set(new CompareSource.Untrained(GATED));
        PixelModel first = vm.comparison().modelProperty().get().model();

        vm.compareWithProperty().set(new CompareSource.Untrained(TINY));

        PixelModel second = vm.comparison().modelProperty().get().model();
        assertThat(first.isClosed()).isTrue();
        assertThat(second.isClosed()).isFalse();
        assertThat(second).isNotSameAs(session.getModel());
        assertThat(vm.comparison().traceProperty().get().complete()).isTrue();
        assertThat(errors).isEmpty();
    }

    @Test
    void aSessionModelOfAnotherSizeEndsTheComparison() throws Exception {
        vm.compareWithProperty().set(new CompareSource.Untrained(GATED));
        PixelModel compared = vm.comparison().modelProperty().get().model();
        PixelModel old = session.getModel();

        session.create(TINY.withSize(6, 6)).get();

        assertThat(vm.compareWithProperty().get()).isEqualTo(new CompareSource.None());
        assertThat(compared.isClosed()).isTrue();
        assertThat(vm.traceProperty().get().height()).isEqualTo(6);
        assertThat(old.isClosed()).as("the session closed its replaced model").isTrue();
        assertThat(errors).isEmpty();
    }
}
