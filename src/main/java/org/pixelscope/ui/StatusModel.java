package org.pixelscope.ui;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What the status bar shows about the running job: a line of text and a progress value
 * (0..1, {@code -1} for "busy, unknown length", {@code 0} when idle).
 *
 * <p>Thread: FX only.
 */
public final class StatusModel {

    private final StringProperty job = new SimpleStringProperty(this, "job", "Ready");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);

    public StringProperty jobProperty() {
        return job;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    /** Shows a job; {@code progress} as for {@link #progressProperty()}. */
    public void show(String text, double value) {
        job.set(text);
        progress.set(value);
    }

    public void idle(String text) {
        show(text, 0);
    }

    /**
     * Ends the job {@code started} with {@code text}, unless another job took the status bar
     * meanwhile (a view that reacts to a new model starts its own job before the model's loader
     * reports): that job keeps it.
     */
    public void finish(String started, String text) {
        if (started.equals(job.get())) {
            idle(text);
        }
    }
}
