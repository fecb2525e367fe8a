package org.pixelscope.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.pixelscope.data.AtomicFiles;

/**
 * A training history as CSV, one row per optimizer step, for a spreadsheet or a plotting script:
 * {@code iteration,epoch,loss_nats,loss_bits_per_dim,validation_nats,validation_bits_per_dim}.
 * The validation columns are filled on the step that ended an epoch and empty elsewhere; an
 * epoch validated without recorded steps (an older checkpoint) still gets its row.
 *
 * <p>Numbers use a dot as decimal separator whatever the locale, so the file reads the same
 * everywhere. Thread: any.
 */
public final class HistoryCsv {

    public static final String HEADER =
            "iteration,epoch,loss_nats,loss_bits_per_dim,validation_nats,validation_bits_per_dim";

    private HistoryCsv() {}

    /** The CSV text; {@code pixelsPerImage} turns nats per image into bits/dim. */
    public static String format(TrainingHistory history, int pixelsPerImage) {
        Map<Integer, TrainingHistory.EpochPoint> validationAt = new HashMap<>();
        for (TrainingHistory.EpochPoint e : history.validation()) {
            validationAt.put(e.iteration(), e);
        }
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (TrainingHistory.LossPoint p : history.losses()) {
            TrainingHistory.EpochPoint v = validationAt.remove(p.iteration());
            out.append(p.iteration())
                    .append(',')
                    .append(p.epoch())
                    .append(',')
                    .append(number(p.nats()))
                    .append(',')
                    .append(number(Metrics.bitsPerDim(p.nats(), pixelsPerImage)))
                    .append(',')
                    .append(v == null ? "" : number(v.nats()))
                    .append(',')
                    .append(v == null ? "" : number(v.bitsPerDim()))
                    .append('\n');
        }
        validationAt.values().stream()
                .sorted(java.util.Comparator.comparingInt(TrainingHistory.EpochPoint::epoch))
                .forEach(v -> out.append(v.iteration())
                        .append(',')
                        .append(v.epoch())
                        .append(",,,")
                        .append(number(v.nats()))
                        .append(',')
                        .append(number(v.bitsPerDim()))
                        .append('\n'));
        return out.toString();
    }

    /** Writes {@link #format} atomically: the file is complete or the old one stays. */
    public static void write(Path file, TrainingHistory history, int pixelsPerImage) throws IOException {
        byte[] bytes = format(history, pixelsPerImage).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
