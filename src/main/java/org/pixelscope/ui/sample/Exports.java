package org.pixelscope.ui.sample;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.ExportJob;

/**
 * The sample exports' guard: nothing is written before a generation exists.
 *
 * <p>Thread: call on the FX thread; the write runs on a worker.
 */
final class Exports {

    private Exports() {}

    static CompletableFuture<Path> run(AppContext ctx, String title, Path file, SampleTrace trace, Callable<?> write) {
        if (trace == null) {
            return ExportJob.nothing(ctx, title, "open or create a model first.");
        }
        return ExportJob.run(ctx, title, file, write);
    }
}
