package org.pixelscope.model;

import java.util.function.Supplier;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Runs a stretch of many small libnd4j ops with their OpenMP parallelism set to one thread on the
 * calling thread, then restores it. OpenMP's thread count is a per-thread setting, so other
 * threads' ops are unaffected.
 *
 * <p>Why: every parallel op waits for all its threads, and on a 2-core machine shared with other
 * work the second thread is often not running: measured with a training run in the background, a
 * multiply of 57k floats took ~8 ms on two threads and ~0.1 ms on one, a small 1 x 3 convolution
 * ~11-40 ms and ~1.3-2.8 ms. A recurrence issues such ops step after step, each too small to
 * gain from a second thread; large single ops (a whole-image convolution) keep both.
 *
 * <p>Thread: affects only the calling thread.
 */
final class OneThread {

    private OneThread() {}

    /** {@code work} with one OpenMP thread on this thread. */
    static <T> T run(Supplier<T> work) {
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int before = ops.ompGetMaxThreads();
        ops.setOmpNumThreads(1);
        try {
            return work.get();
        } finally {
            ops.setOmpNumThreads(before);
        }
    }
}
