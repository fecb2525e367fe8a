package org.pixelscope.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.NetworkBuilder;

/** The summary's Markdown export parsed back as a table. */
class SummaryMarkdownTest {

    @TempDir
    Path dir;

    @Test
    void everyRowAndTotalReadsBack() throws IOException {
        LayerSummary s = LayerSummary.of(NetworkBuilder.build(ModelSpecs.require("pixelcnn-chapter"), 1, 1e-3));
        SummaryMarkdown.write(dir.resolve("s.md"), s);
        List<String> lines = Files.readAllLines(dir.resolve("s.md"));
        List<String> table = lines.stream()
                .filter(l -> l.startsWith("| ") && !l.equals(SummaryMarkdown.HEADER))
                .toList();
        assertThat(table).hasSize(s.rows().size());
        long params = 0;
        for (int i = 0; i < table.size(); i++) {
            String[] cells =
                    table.get(i).substring(2, table.get(i).length() - 2).split(" \\| ", -1);
            assertThat(cells).hasSize(7);
            SummaryRow row = s.rows().get(i);
            assertThat(cells[0]).isEqualTo(row.name());
            assertThat(Long.parseLong(cells[3].replace(",", ""))).isEqualTo(row.params());
            assertThat(cells[4]).isEqualTo(row.mask() == null ? "" : row.mask().name());
            params += Long.parseLong(cells[3].replace(",", ""));
        }
        assertThat(params).isEqualTo(s.totalParams()).isEqualTo(187_905);
        assertThat(lines).contains("- Total parameters: 187,905");
        assertThat(lines).anyMatch(l -> l.startsWith("| conv0_A | MaskedConv2D 7x7 |") && l.contains("| A |"));
    }
}
