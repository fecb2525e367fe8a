package org.pixelscope.ui.sample;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.ui.AppContext;

/**
 * Runs an export on a worker and tells the user how it went: the status line while it runs and
 * when it is done, the error reporter (with the specific message) when it fails.
 *
 * <p>Thread: call on the FX thread; the write runs on a worker.
 */
final class Exports {

    private Exports() {}

    static CompletableFuture<Path> run(AppContext ctx, String title, Path file, SampleTrace trace, Callable<?> write) {
        if (trace == null) {
            ctx.errors().report(title, "There is nothing to export: open or create a model first.");
            return CompletableFuture.failedFuture(new IllegalStateException("nothing to export"));
        }
        ctx.status().show(title + " to " + file.getFileName() + "…", -1);
        CompletableFuture<Path> result = ctx.jobs().submit(() -> {
            write.call();
            return file;
        });
        result.whenCompleteAsync(
                (f, e) -> {
                    if (e != null) {
                        ctx.status().idle(title + " failed");
                        ctx.errors().report(title + " failed", e);
                    } else {
                        ctx.status().idle("Wrote " + f);
                    }
                },
                ctx.jobs().fx());
        return result;
    }
}
