package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.ConcurrentHashMap;
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
        int target = Math.min(ThreadNice.MAX, ThreadNice.process().orElseThrow() + 5);
        // the pool's threads exist already, started by a thread at the process's priority
        java.util.concurrent.ForkJoinPool.commonPool().submit(() -> {}).get();
        ConcurrentHashMap<Integer, Integer> nice = new ConcurrentHashMap<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                assertThat(ThreadNice.lowerTo(target)).isTrue();
                BatchParts.run(
                        4, 2, (p, from, to) -> nice.put(p, ThreadNice.current().orElseThrow()));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        caller.start();
        caller.join();
        assertThat(failure.get()).isNull();
        assertThat(nice).containsEntry(0, target).containsEntry(1, target);
    }
}
