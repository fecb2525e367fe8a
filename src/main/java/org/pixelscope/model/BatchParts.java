package org.pixelscope.model;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.pixelscope.backend.ThreadNice;

/**
 * Runs a layer's pass as independent slices of the batch, one Java thread per slice, each slice's
 * ops on one OpenMP thread ({@link OneThread}): part 0 on the calling thread, the others on this
 * class's own fork-join pool. As many parts as the OpenMP threads the caller's ops would use (the
 * cores), at most one per image.
 *
 * <p>Why: a layer of many mid-sized ops (four convolutions and their gates per Gated PixelCNN
 * layer) loses most of its time in each op's OpenMP fork and join, worst when another process
 * holds a core and every op waits for its second thread: measured with two training runs in the
 * background, one Gated PixelCNN training step took ~7.1 s with two OpenMP threads per op and ~3.2 s
 * with one. Slices of the batch run the same ops side by side and meet once per pass, so a quiet
 * machine still uses all its cores and a busy one loses one wait per pass instead of one per op.
 *
 * <p>The slices must touch disjoint arrays or disjoint rows of shared ones and must not allocate
 * in workspaces (those belong to the calling thread): the caller allocates everything first.
 *
 * <p>Thread: called from one layer's thread at a time; runs parts on pool threads and waits for
 * them. A pool thread is lowered to the caller's nice value first ({@link ThreadNice}), so a part
 * never runs ahead of the JavaFX threads when the app has lowered its workers. An ordinary user
 * cannot raise a thread's priority again, so a pool thread keeps the lowest value any caller gave
 * it: the pool is this class's own, not the JVM's common pool, so no other code inherits that.
 * In the app every caller is a lowered worker; the command line lowers nothing.
 */
final class BatchParts {

    /** The work of one slice: images {@code [from, to)} of the batch, as part {@code part}. */
    interface Part {
        void run(int part, long from, long to);
    }

    /** The threads parts 1.. run on: daemon threads, one fewer than the cores (part 0 is the caller's). */
    private static final ForkJoinPool POOL =
            new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));

    private BatchParts() {}

    /** How many parts a batch of {@code n} images splits into on this machine. */
    static int count(long n) {
        int threads =
                Math.max(1, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
        return (int) Math.max(1, Math.min(n, threads));
    }

    /** Runs {@code parts} slices of a batch of {@code n} images and returns when all are done. */
    static void run(long n, int parts, Part work) {
        run(POOL, n, parts, work);
    }

    /** {@link #run(long, int, Part)} with parts 1.. on {@code pool} (tests give their own). */
    static void run(ForkJoinPool pool, long n, int parts, Part work) {
        List<ForkJoinTask<?>> others = new ArrayList<>();
        OptionalInt nice = parts > 1 ? ThreadNice.current() : OptionalInt.empty();
        for (int p = 1; p < parts; p++) {
            int part = p;
            others.add(pool.submit(() -> OneThread.run(() -> {
                // a pool thread works for a lowered app worker at that worker's priority
                nice.ifPresent(ThreadNice::lowerTo);
                work.run(part, from(n, parts, part), from(n, parts, part + 1));
                return null;
            })));
        }
        RuntimeException failure = null;
        try {
            OneThread.run(() -> {
                work.run(0, 0, from(n, parts, 1));
                return null;
            });
        } catch (RuntimeException e) {
            failure = e;
        }
        for (ForkJoinTask<?> t : others) {
            try {
                t.join();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** First image of part {@code p}: the batch in near-equal consecutive slices. */
    static long from(long n, int parts, int p) {
        return n * p / parts;
    }
}
