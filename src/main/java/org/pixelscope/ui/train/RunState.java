package org.pixelscope.ui.train;

/** Where a training run is. A run is in progress in every state but {@code IDLE}. */
public enum RunState {
    IDLE,
    /** Loading MNIST and preparing batches. */
    STARTING,
    RUNNING,
    PAUSED,
    /** Stop asked; the trainer finishes its current iteration. */
    STOPPING
}
