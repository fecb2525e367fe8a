package org.pixelscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The batcher without a toolkit: a manual executor stands in for {@code Platform::runLater}, so
 * the tests see exactly how many hand-overs are queued on the "FX thread".
 */
class UiBatcherTest {

    /** Queues tasks until the test runs them, like the FX event queue between pulses. */
    private static final class ManualExecutor implements Executor {
        private final Queue<Runnable> queued = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable task) {
            queued.add(task);
        }

        synchronized int size() {
            return queued.size();
        }

        /** Runs what is queued now, one task at a time, until the queue is empty. */
        void runAll() {
            for (Runnable r = poll(); r != null; r = poll()) {
                r.run();
            }
        }

        private synchronized Runnable poll() {
            return queued.poll();
        }
    }

    @Test
    void aBurstOfOffersQueuesOneHandOverCarryingEverything() {
        ManualExecutor fx = new ManualExecutor();
        List<List<Integer>> batches = new ArrayList<>();
        UiBatcher<Integer> batcher = new UiBatcher<>(fx, batches::add);
        for (int i = 0; i < 1000; i++) {
            batcher.offer(i);
        }
        assertThat(fx.size()).as("hand-overs queued for 1,000 offers").isEqualTo(1);
        fx.runAll();
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).hasSize(1000).isSorted();
    }

    @Test
    void offersAfterAHandOverRanStartTheNextBatch() {
        ManualExecutor fx = new ManualExecutor();
        List<List<Integer>> batches = new ArrayList<>();
        UiBatcher<Integer> batcher = new UiBatcher<>(fx, batches::add);
        batcher.offer(1);
        batcher.offer(2);
        fx.runAll();
        batcher.offer(3);
        assertThat(fx.size()).isEqualTo(1);
        fx.runAll();
        assertThat(batches).containsExactly(List.of(1, 2), List.of(3));
    }

    @Test
    void anOfferFromTheConsumerItselfIsDeliveredAndNoBatchIsEmpty() {
        ManualExecutor fx = new ManualExecutor();
        List<List<String>> batches = new ArrayList<>();
        UiBatcher<String>[] self = new UiBatcher[1];
        self[0] = new UiBatcher<>(fx, batch -> {
            batches.add(List.copyOf(batch));
            if (batch.contains("first")) {
                self[0].offer("from the consumer");
            }
        });
        self[0].offer("first");
        fx.runAll();
        assertThat(batches).containsExactly(List.of("first"), List.of("from the consumer"));
    }

    @Test
    void manyWorkerThreadsLoseNothingAndKeepEachThreadsOrder() throws InterruptedException {
        ManualExecutor fx = new ManualExecutor();
        List<int[]> received = Collections.synchronizedList(new ArrayList<>());
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        UiBatcher<int[]> batcher = new UiBatcher<>(fx, batch -> {
            batchSizes.add(batch.size());
            received.addAll(batch);
        });
        int threads = 4;
        int perThread = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    batcher.offer(new int[] {id, i});
                }
            });
            workers.add(w);
            w.start();
        }
        start.countDown();
        int maxQueued = 0;
        boolean alive = true;
        while (alive) {
            maxQueued = Math.max(maxQueued, fx.size());
            fx.runAll();
            alive = workers.stream().anyMatch(Thread::isAlive);
        }
        for (Thread w : workers) {
            w.join();
        }
        maxQueued = Math.max(maxQueued, fx.size());
        fx.runAll();
        assertThat(maxQueued).as("hand-overs ever queued at once").isLessThanOrEqualTo(1);
        assertThat(received).hasSize(threads * perThread);
        assertThat(batchSizes).allMatch(n -> n > 0);
        int[] next = new int[threads];
        for (int[] item : received) {
            assertThat(item[1]).as("thread %d's items in order", item[0]).isEqualTo(next[item[0]]);
            next[item[0]]++;
        }
    }
}
