package org.pixelscope.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelscope.model.GatedPixelCnnSpec;
import org.pixelscope.model.MaskType;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;

class InspectTest {

    private static final PixelModel CHAPTER = NetworkBuilder.build(PixelCnnSpec.chapter(), 1, 1e-3);

    @Test
    void summaryOfTheChapterModel() {
        LayerSummary s = LayerSummary.of(CHAPTER);
        assertThat(s.trainableParams()).isEqualTo(187_905);
        assertThat(s.nonTrainableParams()).isZero();
        assertThat(s.rows())
                .extracting(SummaryRow::name)
                .containsExactly(
                        "image", "conv0_A", "conv1_B", "conv2_B", "conv3_B", "conv4_B", "conv5_B", "out_1x1", "p");
        assertThat(s.rows().get(1).outputShape()).isEqualTo("(None, 28, 28, 64)");
        assertThat(s.rows().get(1).params()).isEqualTo(7 * 7 * 64 + 64);
        assertThat(s.rows().get(1).mask()).isEqualTo(MaskType.A);
        assertThat(s.rows().get(2).params()).isEqualTo(3 * 3 * 64 * 64 + 64);
        assertThat(s.rows().get(7).outputShape()).isEqualTo("(None, 28, 28, 1)");
        // mask A 7x7 blocks 25 taps, mask B 3x3 blocks 4 taps
        assertThat(s.maskedZeros()).isEqualTo(25L * 64 + 5L * 4 * 64 * 64);
        assertThat(s.toText()).contains("Total params: 187,905").contains("conv0_A (MaskedConv2D 7x7, mask A)");
    }

    /** The gated layers' masks are not raster masks: counted in the table, no A/B and no grid. */
    @Test
    void summaryAndGridsOfTheGatedModel() {
        PixelModel gated =
                NetworkBuilder.build(new GatedPixelCnnSpec("gated-small", "test", 9, 9, 4, 7, 2, 3), 1, 1e-3);
        LayerSummary s = LayerSummary.of(gated);
        SummaryRow first = s.rows().get(1);
        assertThat(first.type()).isEqualTo("GatedPixelCnnLayer 7x7, own row and pixel blocked");
        assertThat(first.mask()).isNull();
        // the first layer's 5x7 vertical kernel blocks its last row, the 1x5 horizontal one its last column
        assertThat(first.maskedZeros()).isEqualTo((7L + 1) * 1 * 2 * 4);
        assertThat(s.rows().get(2).type()).isEqualTo("GatedPixelCnnLayer 3x3");
        assertThat(s.rows().get(2).maskedZeros()).isZero();
        assertThat(s.maskedZeros()).isEqualTo(first.maskedZeros());
        assertThat(MaskGrid.of(gated)).isEmpty();
    }

    @Test
    void maskGridsOfTheChapterModel() {
        List<MaskGrid> grids = MaskGrid.of(CHAPTER);
        assertThat(grids).hasSize(6);
        assertThat(grids.get(0).kernelH()).isEqualTo(7);
        assertThat(grids.get(0).centreAllowed()).isFalse();
        assertThat(grids.get(1).kernelH()).isEqualTo(3);
        assertThat(grids.get(1).centreAllowed()).isTrue();
    }

    @Test
    void receptiveFieldShowsTheBlindSpot() {
        PixelModel small = NetworkBuilder.build(PixelCnnSpec.chapter().withSize(12, 12), 2, 1e-3);
        ReceptiveField rf = ReceptiveField.measure(small);
        assertThat(rf.layers()).startsWith("conv0_A", "conv1_B").endsWith("p");
        // after the first layer: exactly the mask-A footprint around (6, 6)
        boolean[][] first = rf.field("conv0_A", 6, 6);
        int count = 0;
        for (boolean[] row : first) {
            for (boolean b : row) {
                count += b ? 1 : 0;
            }
        }
        assertThat(count).isEqualTo(24);
        assertThat(first[6][6]).isFalse();
        assertThat(first[6][5]).isTrue();
        assertThat(first[3][9]).isTrue();
        // the output never sees itself or anything after it
        boolean[][] out = rf.outputField(6, 6);
        for (int k = 6 * 12 + 6; k < 144; k++) {
            assertThat(out[k / 12][k % 12]).as("position %d", k).isFalse();
        }
        // stacked masked convolutions leave pixels up and to the right unseen: the blind spot
        assertThat(rf.blindSpotSize(6, 6)).isGreaterThan(0);
        assertThat(out[5][11]).isFalse();
        assertThat(out[5][7]).isTrue();
    }
}
