package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.pixelscope.backend.ThreadNice;

/** Slices of a batch: every image in exactly one part, and parts at the caller's priority. */
class BatchPartsTest {

    @BeforeAll
    static void backend() {
        Nd4j.create(1); // loads ND4J's natives, which OneThread calls
    }

    @Test
    void partsCoverTheBatchInConsecutiveSlices() {
        ConcurrentHashMap<Integer, long[]> seen = new ConcurrentHashMap<>();
        BatchParts.run(7, 3, (p, from, to) -> seen.put(p, new long[] {from, to}));
        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).containsExactly(0, 2);
        assertThat(seen.get(1)).containsExactly(2, 4);
        assertThat(seen.get(2)).containsExactly(4, 7);
    }

    @Test
    void everyPartRunsAtTheCallersLoweredPriority() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "per-thread nice is Linux's");
        int process = ThreadNice.process().orElseThrow();
        assumeTrue(process <= ThreadNice.MAX - 5, "the build itself runs at nice " + process);
        int target = process + 5;
        ConcurrentHashMap<Integer, Integer> nice = new ConcurrentHashMap<>();
        ConcurrentHashMap<Integer, Thread> threads = new ConcurrentHashMap<>();
        CountDownLatch secondStarted = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // a pool of its own whose thread a thread at the process's priority started, so the part
        // can only run lowered if BatchParts lowers it
        ForkJoinPool pool = new ForkJoinPool(1);
        pool.submit(() -> {}).get();
        Thread caller = new Thread(() -> {
            try {
                assertThat(ThreadNice.lowerTo(target)).isTrue();
                BatchParts.run(pool, 4, 2, (p, from, to) -> {
                    threads.put(p, Thread.currentThread());
                    nice.put(p, ThreadNice.current().orElseThrow());
                    if (p == 1) {
                        secondStarted.countDown();
                    } else {
                        // part 0 waits, so part 1 runs on a pool thread, not taken back by the caller
                        await(secondStarted);
                    }
                });
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        caller.start();
        caller.join();
        pool.shutdown();
        assertThat(failure.get()).isNull();
        assertThat(threads.get(0)).isSameAs(caller);
        assertThat(threads.get(1)).isNotSameAs(caller).isInstanceOf(ForkJoinWorkerThread.class);
        assertThat(nice).containsEntry(0, target).containsEntry(1, target);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).as("part 1 started").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
