package org.pixelscope.ui;

import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.pixelscope.model.PixelModel;

/**
 * A model that jobs on several threads read, and that is closed deterministically once it has
 * been retired (replaced by another) and the last read in progress has ended. Without this the
 * network's off-heap arrays of every replaced model waited for a garbage collection, which a
 * small Java heap rarely needs: resident memory grew by about 1.5 GB per model switch.
 *
 * <p>Thread: any. {@link #read} may run on several workers at once (reads only); the close runs
 * on whichever thread ends the last read, or on the retiring thread when none is in progress.
 */
public final class SharedModel {

    private final PixelModel model;
    private int readers;
    private boolean retired;

    public SharedModel(PixelModel model) {
        this.model = model;
    }

    /** The model itself, for reading its spec and identity only (not its arrays) on the FX thread. */
    public PixelModel model() {
        return model;
    }

    /**
     * Runs {@code reader} on the model, which stays open until it returns.
     *
     * @throws CancellationException if the model was replaced before the read began
     */
    public <T> T read(Function<PixelModel, T> reader) {
        synchronized (this) {
            if (retired) {
                throw new CancellationException("the model was replaced before it could be read");
            }
            readers++;
        }
        try {
            return reader.apply(model);
        } finally {
            boolean close;
            synchronized (this) {
                readers--;
                close = retired && readers == 0;
            }
            if (close) {
                model.close();
            }
        }
    }

    /** No new reads; closes the model now, or when the reads in progress end. Idempotent. */
    public void retire() {
        boolean close;
        synchronized (this) {
            close = !retired && readers == 0;
            retired = true;
        }
        if (close) {
            model.close();
        }
    }

    /** True once retired (the model may still be open for a read in progress). */
    public synchronized boolean retired() {
        return retired;
    }
}
