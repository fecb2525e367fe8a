package org.pixelscope.ui.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.bytedeco.javacpp.Pointer;
import org.pixelscope.data.MnistData;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.JobRunner;
import org.pixelscope.ui.ModelSession;
import org.pixelscope.ui.StatusModel;

/**
 * What the soak drivers share: the app's services ({@link ModelSession}, {@link JobRunner} with
 * daemon workers) wired as {@code PixelScopeApp} wires them, except that the "FX thread" is a
 * plain single thread (the view models use JavaFX properties only, not the toolkit), plus
 * resident-memory read-outs.
 *
 * <p>Thread: the driver's main thread; {@link #onFx} runs work on the stand-in FX thread.
 */
final class SoakHarness implements AutoCloseable {

    private final ExecutorService fx = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "soak-fx");
        t.setDaemon(true);
        return t;
    });
    final JobRunner jobs = JobRunner.threaded(fx);
    final ModelSession session;
    final AppContext ctx;

    SoakHarness(Path autosaveDir) {
        session =
                onFx(() -> new ModelSession(jobs, MnistData.defaultDir(), org.pixelscope.ui.Autosave.in(autosaveDir)));
        ctx = new AppContext(
                session, new StatusModel(), (title, message) -> System.out.println("ERROR " + title + ": " + message));
    }

    /** Runs {@code task} on the stand-in FX thread and waits for it. */
    <T> T onFx(Supplier<T> task) {
        try {
            return CompletableFuture.supplyAsync(task, fx).get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code done} on the FX thread every 50 ms until true. */
    void await(String what, BooleanSupplier done, long timeoutSeconds) throws TimeoutException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!onFx(done::getAsBoolean)) {
            if (System.nanoTime() > end) {
                throw new TimeoutException("waited " + timeoutSeconds + " s for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Resident set size of this process in MiB, from /proc/self/status. */
    static long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /** One line: resident, JavaCPP-tracked native bytes and Java heap in use, in MiB. */
    static String memoryLine() {
        Runtime rt = Runtime.getRuntime();
        return String.format(
                "rss %6d MiB   javacpp %6d MiB   heap %5d MiB",
                rssMiB(), Pointer.totalBytes() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    @Override
    public void close() {
        jobs.close();
        fx.shutdownNow();
    }
}
