package org.pixelscope.ui.sample;

/**
 * How far a viewer has got through a {@link org.pixelscope.sample.SampleTrace}: the playback
 * position (raster positions shown, {@code start..total}), which never runs past the sampler's
 * cursor. Compute speed and playback speed are separate (docs/ARCHITECTURE.md): the sampler may be far
 * ahead, and then stepping and replay cost nothing; when it is behind, a step waits for it and
 * applies when the sampler arrives.
 *
 * <p>Plain logic, no JavaFX: the view model feeds it the sampler's cursor and the frame time.
 *
 * <p>Thread: FX only (not thread-safe).
 */
final class Playback {

    /** Slider value at which playback reveals everything computed, every frame. */
    static final double FASTEST = 1.0;
    /** Pixels per second at slider 0 and just below {@link #FASTEST}: 1 .. 1000, log scale. */
    private static final double DECADES = 3;
    /** A stalled frame (window hidden, GC) must not turn into a jump. */
    private static final double MAX_FRAME_SECONDS = 0.25;

    private final int start;
    private final int total;
    private final int width;
    private double position;
    private int target = -1;
    private boolean playing;
    private boolean finishing;
    private double rate = 100;

    /**
     * @param start first generated position (kept rows of a completion are shown at once)
     * @param total positions per image, H*W
     * @param width image width W, the length of a row step
     */
    Playback(int start, int total, int width) {
        this.start = start;
        this.total = total;
        this.width = width;
        this.position = start;
    }

    /** Pixels per second for a speed-slider value in [0, 1]; infinite at {@link #FASTEST}. */
    static double rateFor(double slider) {
        return slider >= FASTEST ? Double.POSITIVE_INFINITY : Math.pow(10, Math.max(0, slider) * DECADES);
    }

    /** The speed slider's label. */
    static String describeRate(double rate) {
        if (Double.isInfinite(rate)) {
            return "as fast as possible";
        }
        return rate < 10 ? String.format("%.1f px/s", rate) : String.format("%.0f px/s", rate);
    }

    /** Raster positions shown in every image. */
    int position() {
        return (int) position;
    }

    int start() {
        return start;
    }

    int total() {
        return total;
    }

    boolean playing() {
        return playing;
    }

    /** A step that is waiting for the sampler, or -1. */
    int pendingTarget() {
        return target;
    }

    boolean atEnd() {
        return position() >= total;
    }

    void setRate(double pixelsPerSecond) {
        this.rate = pixelsPerSecond;
    }

    /** Play from here (from the start again when at the end: a replay), or pause. */
    void togglePlay(int cursor) {
        if (playing) {
            playing = false;
            return;
        }
        if (atEnd()) {
            position = start;
        }
        target = -1;
        finishing = false;
        playing = true;
        apply(cursor);
    }

    void pause() {
        playing = false;
    }

    /**
     * Pauses and moves {@code pixels} further (1: one pixel, W: one row). Steps add up while the
     * sampler is behind; each applies as soon as the sampler has reached it.
     */
    void step(int pixels, int cursor) {
        playing = false;
        finishing = false;
        int from = target >= 0 ? target : position();
        target = Math.min(total, from + pixels);
        position = position();
        apply(cursor);
    }

    /** One row: {@link #step} by W. */
    void stepRow(int cursor) {
        step(width, cursor);
    }

    /**
     * Pauses at raster position {@code to} (clamped to {@code start..total}): back at once,
     * forward as soon as the sampler has reached it. Unlike {@link #step}, the same call always
     * ends at the same position, which is what a guided tour's step needs.
     */
    void seek(int to, int cursor) {
        playing = false;
        finishing = false;
        int clamped = Math.max(start, Math.min(total, to));
        if (clamped <= position()) {
            position = clamped;
            target = -1;
        } else {
            target = clamped;
        }
        apply(cursor);
    }

    /** Show everything, as soon as it is computed. */
    void finish(int cursor) {
        playing = false;
        target = -1;
        finishing = true;
        apply(cursor);
    }

    /**
     * Advances by a frame of {@code seconds} with the sampler at {@code cursor}; returns the
     * position to show.
     */
    int tick(double seconds, int cursor) {
        if (playing) {
            double dt = Math.min(Math.max(0, seconds), MAX_FRAME_SECONDS);
            double next = Double.isInfinite(rate) ? cursor : position + rate * dt;
            position = Math.max(position, Math.min(next, cursor));
        }
        apply(cursor);
        if (playing && atEnd()) {
            playing = false;
        }
        return position();
    }

    private void apply(int cursor) {
        if (finishing) {
            position = Math.max(position, cursor);
            if (atEnd()) {
                finishing = false;
            }
        }
        if (target >= 0 && cursor >= target) {
            position = Math.max(position, target);
            target = -1;
        }
        position = Math.max(start, Math.min(position, total));
    }
}
