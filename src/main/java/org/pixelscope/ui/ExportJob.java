package org.pixelscope.ui;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Runs an export on a worker and tells the user how it went: the status line while it runs and
 * when it is done, the error reporter (with the specific message) when it fails. Every exporter
 * writes through {@code AtomicFiles}, so a failed export leaves the old file as it was.
 *
 * <p>Thread: call on the FX thread; the write runs on a worker.
 */
public final class ExportJob {

    private ExportJob() {}

    /** Runs {@code write} on a worker; the future completes on the FX thread with {@code file}. */
    public static CompletableFuture<Path> run(AppContext ctx, String title, Path file, Callable<?> write) {
        ctx.status().show(title + " to " + file.getFileName() + "…", -1);
        CompletableFuture<Path> result = ctx.jobs().submit(() -> {
            write.call();
            return file;
        });
        return result.whenCompleteAsync(
                (f, e) -> {
                    if (e != null) {
                        ctx.status().idle(title + " failed");
                        ctx.errors().report(title + " failed", e);
                    } else {
                        ctx.status().idle("Wrote " + f);
                    }
                },
                ctx.jobs().fx());
    }

    /** Reports that there is nothing to export yet, and returns a failed future for callers that chain. */
    public static CompletableFuture<Path> nothing(AppContext ctx, String title, String why) {
        ctx.errors().report(title, "There is nothing to export: " + why);
        return CompletableFuture.failedFuture(new IllegalStateException("nothing to export"));
    }
}
