package org.pixelscope.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lowering a thread's priority: the thread itself goes down, its process does not, and threads it
 * starts afterwards (as libnd4j's OpenMP threads are) inherit the lower priority. Linux only: the
 * thread nice value this is about is Linux's.
 */
class ThreadNiceTest {

    @BeforeEach
    void linuxOnly() {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "per-thread nice is Linux's");
    }

    @Test
    void aThreadLowersItselfAndTheThreadsItStarts() throws Exception {
        int process = ThreadNice.process().orElseThrow();
        assumeTrue(process <= ThreadNice.MAX - 3, "the build itself runs at nice " + process);
        int target = process + 3;
        AtomicReference<String> seen = new AtomicReference<>();
        Thread t = new Thread(() -> {
            boolean lowered = ThreadNice.lowerTo(target);
            int self = ThreadNice.current().orElseThrow();
            int[] child = new int[1];
            Thread c = new Thread(() -> child[0] = ThreadNice.current().orElseThrow());
            c.start();
            try {
                c.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // asking for a higher priority again changes nothing: threads are only ever lowered
            boolean higher = ThreadNice.lowerTo(target - 1);
            seen.set(lowered + " " + self + " " + child[0] + " " + higher + " "
                    + ThreadNice.current().orElseThrow());
        });
        t.start();
        t.join();

        assertThat(seen.get()).isEqualTo("true " + target + " " + target + " true " + target);
        assertThat(ThreadNice.current().orElseThrow()).as("this thread").isEqualTo(process);
        assertThat(ThreadNice.process().orElseThrow()).as("the process").isEqualTo(process);
    }
}
