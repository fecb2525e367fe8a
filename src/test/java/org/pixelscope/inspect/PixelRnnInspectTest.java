package org.pixelscope.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pixelscope.model.DiagonalBiLstmSpec;
import org.pixelscope.model.MaskType;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.RasterLstmSpec;
import org.pixelscope.model.RowLstmSpec;

class PixelRnnInspectTest {

    @Test
    void summariesListEveryLayerAndAddUp() {
        for (String name : new String[] {"pixelrnn-raster-lstm", "pixelrnn-row-lstm", "pixelrnn-diagonal-bilstm"}) {
            PixelModel model = NetworkBuilder.build(ModelSpecs.require(name), 0, 1e-3);
            LayerSummary s = LayerSummary.of(model);
            assertThat(s.totalParams())
                    .as(name)
                    .isEqualTo(model.network().numParams())
                    .isPositive();
            assertThat(s.rows().stream().mapToLong(SummaryRow::params).sum())
                    .as(name)
                    .isEqualTo(s.totalParams());
            assertThat(s.rows().get(0).name()).isEqualTo("image");
            assertThat(s.rows().get(s.rows().size() - 1).name()).isEqualTo("p");
            assertThat(s.rows().get(s.rows().size() - 1).outputShape()).isEqualTo("(None, 28, 28, 1)");
            assertThat(s.toText()).contains("Total params");
        }
        LayerSummary raster =
                LayerSummary.of(NetworkBuilder.build(ModelSpecs.require("pixelrnn-raster-lstm"), 0, 1e-3));
        assertThat(raster.rows())
                .extracting(SummaryRow::name)
                .containsExactly("image", "raster_seq", "lstm0", "to_image", "out_1x1", "p");
        // LSTM: 4 gates x (1 input + 128 recurrent + 1 bias) x 128 units
        assertThat(raster.rows().get(2).params()).isEqualTo(4L * 128 * (1 + 128 + 1));
        assertThat(raster.rows().get(2).outputShape()).isEqualTo("(None, 784, 128)");

        LayerSummary row = LayerSummary.of(NetworkBuilder.build(ModelSpecs.require("pixelrnn-row-lstm"), 0, 1e-3));
        assertThat(row.rows())
                .extracting(SummaryRow::name)
                .containsExactly("image", "conv0_A", "rowlstm1", "res1", "rowlstm2", "res2", "out1_B", "out2_B", "p");
        SummaryRow lstm = row.rows().get(2);
        assertThat(lstm.type()).isEqualTo("RowLstm 1x3");
        assertThat(lstm.mask()).isEqualTo(MaskType.B);
        // input-to-state 1x3 over 32 maps and state-to-state 3 taps over 32 states, to 4 x 32 gates, + bias
        assertThat(lstm.params()).isEqualTo(3L * 32 * 128 + 3L * 32 * 128 + 128);
        assertThat(lstm.maskedZeros()).isEqualTo(32L * 128);

        LayerSummary diagonal =
                LayerSummary.of(NetworkBuilder.build(ModelSpecs.require("pixelrnn-diagonal-bilstm"), 0, 1e-3));
        SummaryRow bilstm = diagonal.rows().get(2);
        assertThat(bilstm.name()).isEqualTo("bilstm1");
        int h = ((DiagonalBiLstmSpec) ModelSpecs.require("pixelrnn-diagonal-bilstm")).hidden();
        // 1x1 input-to-state for both directions, a 2x1 state-to-state per direction, bias
        assertThat(bilstm.params()).isEqualTo((long) h * 8 * h + 2L * (2L * h * 4 * h) + 8L * h);
    }

    @Test
    void rowLstmSeesATriangleNotTheWholeContext() {
        ReceptiveField rf = ReceptiveField.measure(
                NetworkBuilder.build(new RowLstmSpec("row", "test", 10, 10, 2, 7, 1, 3), 1, 1e-3));
        assertThat(rf.layers()).startsWith("conv0_A", "rowlstm1").endsWith("p");
        assertNothingAfter(rf);
        boolean[][] f = rf.outputField(7, 4);
        assertThat(f[7][3]).isTrue();
        assertThat(f[6][4]).isTrue();
        assertThat(f[0][9]).isTrue();
        // far to the upper right is unseen, and the unseen part of each row narrows going up
        assertThat(f[6][9]).isFalse();
        assertThat(f[5][9]).isFalse();
        assertThat(rf.blindSpotSize(7, 4)).isGreaterThan(0);
        int previous = 10;
        for (int r = 6; r >= 0; r--) {
            int unseen = 0;
            for (int c = 0; c < 10; c++) {
                unseen += f[r][c] ? 0 : 1;
            }
            assertThat(unseen).as("unseen in row %d", r).isLessThanOrEqualTo(previous);
            previous = unseen;
        }
        assertThat(previous).as("unseen in row 0").isZero();
    }

    @Test
    void diagonalBiLstmSeesTheWholeContextButOnePixel() {
        ReceptiveField rf = ReceptiveField.measure(
                NetworkBuilder.build(new DiagonalBiLstmSpec("diag", "test", 8, 8, 2, 7, 1), 1, 1e-3));
        assertNothingAfter(rf);
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                // the last pixel of the row above is out of reach left of column W - 1 - 7 / 2
                boolean gap = r > 0 && c < 8 - 1 - 3;
                assertThat(rf.blindSpotSize(r, c))
                        .as("blind pixels of (%d, %d)", r, c)
                        .isEqualTo(gap ? 1 : 0);
                if (gap) {
                    assertThat(rf.outputField(r, c)[r - 1][7]).isFalse();
                }
            }
        }
    }

    @Test
    void rasterLstmSeesTheWholeContext() {
        ReceptiveField rf =
                ReceptiveField.measure(NetworkBuilder.build(new RasterLstmSpec("raster", "test", 6, 6, 4, 1), 1, 1e-3));
        assertThat(rf.layers()).endsWith("p");
        assertNothingAfter(rf);
        for (int k = 0; k < 36; k++) {
            assertThat(rf.blindSpotSize(k / 6, k % 6)).isZero();
        }
    }

    private static void assertNothingAfter(ReceptiveField rf) {
        int w = rf.width();
        for (int k = 0; k < rf.height() * w; k++) {
            boolean[][] f = rf.outputField(k / w, k % w);
            for (int j = k; j < rf.height() * w; j++) {
                assertThat(f[j / w][j % w]).as("output %d reads input %d", k, j).isFalse();
            }
        }
    }
}
