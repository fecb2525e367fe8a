package org.pixelscope.train;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Images per second and time per step over the last {@value #WINDOW} steps, for the progress
 * read-out and the ETA. Thread: the trainer's.
 */
final class Throughput {

    private static final int WINDOW = 20;

    private final Deque<Long> stepNanos = new ArrayDeque<>();
    private final Deque<Long> stepImages = new ArrayDeque<>();
    private long windowNanos;
    private long windowImages;

    void step(long nanos, long images) {
        stepNanos.addLast(nanos);
        stepImages.addLast(images);
        windowNanos += nanos;
        windowImages += images;
        if (stepNanos.size() > WINDOW) {
            windowNanos -= stepNanos.removeFirst();
            windowImages -= stepImages.removeFirst();
        }
    }

    double imagesPerSecond() {
        return windowImages / (windowNanos / 1e9);
    }

    /** Time for {@code steps} more steps at the recent pace. */
    Duration eta(long steps) {
        return Duration.ofNanos((long) ((double) windowNanos / stepNanos.size() * steps));
    }
}
