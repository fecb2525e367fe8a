package org.pixelscope.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.factory.Nd4j;
import org.pixelscope.backend.ThreadNice;

/**
 * Runs compute and file jobs off the FX thread and hands results back on it. The app uses
 * daemon worker threads and {@code Platform::runLater}; tests use {@link #direct()} so a view
 * model's job finishes before the call returns.
 *
 * <p>Thread: submit from any thread; callbacks of the returned futures' {@code *Async(…, fx())}
 * variants run on the FX executor.
 */
public final class JobRunner implements AutoCloseable {

    /**
     * How much lower than the process a worker runs: at 10 steps the Linux scheduler weighs an FX
     * thread about nine times a worker thread (1024 against 110), so it should get a core whenever
     * it wants one while training and sampling keep both busy.
     */
    static final int JOB_NICE = 10;

    private final ExecutorService workers;
    private final Executor work;
    private final Executor fx;

    private JobRunner(ExecutorService workers, Executor work, Executor fx) {
        this.workers = workers;
        this.work = work;
        this.fx = fx;
    }

    /**
     * Daemon worker threads named {@code pixelscope-job-N}, each at {@value #JOB_NICE} nice steps
     * below the process ({@link ThreadNice}), so the FX threads win a core whenever they need one;
     * results delivered on {@code fx}.
     */
    public static JobRunner threaded(Executor fx) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(
                    () -> {
                        // where priorities cannot be changed the job runs all the same, at the UI's
                        ThreadNice.process().ifPresent(p -> ThreadNice.lowerTo(p + JOB_NICE));
                        r.run();
                    },
                    "pixelscope-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new JobRunner(pool, pool, fx);
    }

    /** Everything on the calling thread (tests). */
    public static JobRunner direct() {
        return new JobRunner(null, Runnable::run, Runnable::run);
    }

    /** Runs {@code job} on a worker; the future completes there. */
    public <T> CompletableFuture<T> submit(Callable<T> job) {
        CompletableFuture<T> f = new CompletableFuture<>();
        work.execute(() -> {
            try {
                f.complete(job.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            } finally {
                if (workers != null) {
                    releaseWorkspaces();
                }
            }
        });
        return f;
    }

    /**
     * Frees the ND4J workspaces the job left on this worker thread. DL4J keeps a network's working
     * memory in per-thread workspaces sized to the largest pass the thread has run (hundreds of
     * MB for a batch of 112 images through the chapter PixelCNN); a pool thread would otherwise
     * hold them until it dies, and each of the pool's threads would hold its own. Jobs return
     * only detached results (copies, Java arrays), so nothing they hand back lives in a workspace.
     */
    private static void releaseWorkspaces() {
        try {
            Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        } catch (RuntimeException | LinkageError e) {
            // ND4J failed to start: the job has reported that already
        }
    }

    /** The FX-side executor, for {@code thenAcceptAsync(…, runner.fx())}. */
    public Executor fx() {
        return fx;
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
