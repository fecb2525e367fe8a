package org.pixelscope.train;

import java.time.Duration;
import java.util.Locale;

/**
 * How PixelScope writes a time span, such as a training run's ETA, in the CLI's progress lines
 * and the GUI's progress panel alike.
 */
public final class Durations {

    private Durations() {}

    /** A time span as a person says it: {@code 42 s}, {@code 3 min 05 s}, {@code 1 h 02 min}; negative is 0 s. */
    public static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }
}
