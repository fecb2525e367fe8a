package org.pixelscope.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Carries items from worker threads to the FX thread in batches. However fast workers
 * {@link #offer} (a trainer at full speed), at most one hand-over is queued on the FX thread at
 * a time; everything offered meanwhile rides along in the same batch. So the UI runs one update
 * per batch, never one {@code Platform.runLater} per event.
 *
 * <p>Thread: {@link #offer} from any thread; the consumer runs on the executor given
 * ({@code Platform::runLater} in the app, a direct or manual executor in tests).
 */
public final class UiBatcher<T> {

    private final Queue<T> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Consumer<List<T>> consumer;
    private final Executor fx;

    public UiBatcher(Executor fx, Consumer<List<T>> consumer) {
        this.fx = fx;
        this.consumer = consumer;
    }

    public void offer(T item) {
        pending.add(item);
        if (scheduled.compareAndSet(false, true)) {
            fx.execute(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T item = pending.poll(); item != null; item = pending.poll()) {
            batch.add(item);
        }
        if (!batch.isEmpty()) {
            consumer.accept(batch);
        }
    }
}
