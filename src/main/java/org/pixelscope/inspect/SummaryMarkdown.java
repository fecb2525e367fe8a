package org.pixelscope.inspect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.pixelscope.data.AtomicFiles;

/**
 * A layer summary as a GitHub-flavoured Markdown table, for lecture notes and reports: one row
 * per layer (name, type, output shape, parameters, mask, masked weights, inputs) and the totals
 * below. Pipes inside cells are escaped so a cell never splits.
 *
 * <p>Thread: any.
 */
public final class SummaryMarkdown {

    public static final String HEADER = "| Layer | Type | Output shape | Parameters | Mask | Masked weights | Inputs |";

    private SummaryMarkdown() {}

    public static String format(LayerSummary summary) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(cell(summary.model())).append("\n\n");
        out.append(HEADER).append('\n');
        out.append("|---|---|---|---:|---|---:|---|\n");
        for (SummaryRow r : summary.rows()) {
            out.append("| ")
                    .append(cell(r.name()))
                    .append(" | ")
                    .append(cell(r.type()))
                    .append(" | ")
                    .append(cell(r.outputShape()))
                    .append(" | ")
                    .append(count(r.params()))
                    .append(" | ")
                    .append(r.mask() == null ? "" : r.mask().name())
                    .append(" | ")
                    .append(r.mask() == null ? "" : count(r.maskedZeros()))
                    .append(" | ")
                    .append(cell(r.inputs()))
                    .append(" |\n");
        }
        out.append('\n');
        out.append("- Total parameters: ").append(count(summary.totalParams())).append('\n');
        out.append("- Trainable parameters: ")
                .append(count(summary.trainableParams()))
                .append('\n');
        out.append("- Non-trainable parameters: ")
                .append(count(summary.nonTrainableParams()))
                .append('\n');
        out.append("- Masked weights (trainable, held at 0 by the masks): ")
                .append(count(summary.maskedZeros()))
                .append('\n');
        return out.toString();
    }

    /** Writes {@link #format} atomically. */
    public static void write(Path file, LayerSummary summary) throws IOException {
        byte[] bytes = format(summary).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String cell(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
    }
}
