package org.pixelscope.ui.sample;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.ExportJob;

/**
 * The Sample view's exports: what to write for the panes on show, and the guard that nothing is
 * written before a generation exists.
 *
 * <p>Thread: call on the FX thread; the write runs on a worker.
 */
final class Exports {

    private Exports() {}

    /**
     * The grid of {@code main} up to raster position {@code shown} as a PNG; while {@code
     * compared} has a generation, both grids side by side under their models' names.
     */
    static CompletableFuture<Path> png(AppContext ctx, Path file, PaneState main, PaneState compared, int shown) {
        Generation g = main.generation().get();
        Generation other = compared.generation().get();
        SampleTrace t = g == null ? null : g.trace();
        if (t != null && other != null) {
            String left = main.name().get();
            String right = compared.name().get();
            SampleTrace o = other.trace();
            return run(ctx, "Export PNG", file, t, () -> GridExport.writePairPng(left, t, right, o, shown, file));
        }
        return run(ctx, "Export PNG", file, t, () -> GridExport.writePng(t, shown, file));
    }

    /** Everything the sampler has finished of {@code t} as an animated GIF. */
    static CompletableFuture<Path> gif(AppContext ctx, Path file, SampleTrace t) {
        return run(ctx, "Export GIF", file, t, () -> GridExport.writeGif(t, t.cursor(), file));
    }

    static CompletableFuture<Path> run(AppContext ctx, String title, Path file, SampleTrace trace, Callable<?> write) {
        if (trace == null) {
            return ExportJob.nothing(ctx, title, "open or create a model first.");
        }
        return ExportJob.run(ctx, title, file, write);
    }
}
