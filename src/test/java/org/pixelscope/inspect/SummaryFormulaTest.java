package org.pixelscope.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;

/** Every row's parameter formula adds up to its count. */
class SummaryFormulaTest {

    @Test
    void theFormulaOfEveryRowSumsToItsParameters() {
        try (PixelModel m = NetworkBuilder.build(PixelCnnSpec.chapter(), 1, 1e-3)) {
            LayerSummary s = LayerSummary.of(m);
            for (SummaryRow row : s.rows()) {
                long sum = 0;
                if (!row.formula().isEmpty()) {
                    for (String term : row.formula().split(" \\+ ")) {
                        sum += Long.parseLong(
                                term.substring(term.indexOf("= ") + 2).replace(",", ""));
                    }
                }
                assertThat(sum).as(row.name() + ": " + row.formula()).isEqualTo(row.params());
            }
            SummaryRow first = s.rows().stream()
                    .filter(r -> r.name().equals("conv0_A"))
                    .findFirst()
                    .orElseThrow();
            // 7x7 taps, 1 input channel, 64 filters, and 64 biases
            assertThat(first.formula()).contains("= 3,136").contains("= 64");
        }
    }
}
