package org.pixelscope.ui.field;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pixelscope.inspect.ReceptiveField;
import org.pixelscope.model.GatedPixelCnnSpec;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;

/**
 * The field canvas tells the blind spot (inside the field's reach, never read) from pixels out of
 * reach, on the real fields of the chapter PixelCNN (which has one) and the Gated PixelCNN (which
 * does not).
 */
class BlindSpotTest {

    /** Counts {blind spot, out of reach} among the causal pixels before (row, col) the field misses. */
    private static int[] unseen(boolean[][] field, int row, int col) {
        Unseen u = Unseen.of(field, row, col);
        return new int[] {u.blindSpot(), u.outOfReach()};
    }

    private static boolean[][] outputField(String name, int row, int col) {
        // 16x16 keeps the measurement quick; the fields' shapes do not depend on the image size
        try (PixelModel m =
                NetworkBuilder.build(ModelSpecs.find(name).orElseThrow().withSize(16, 16), 42, 1e-3)) {
            return ReceptiveField.measure(m).outputField(row, col);
        }
    }

    @Test
    void theChapterPixelCnnHasABlindSpotUpAndToTheRight() {
        boolean[][] field = outputField("pixelcnn-chapter", 12, 8);
        int[] counts = unseen(field, 12, 8);
        assertThat(counts[0]).as("blind-spot pixels").isPositive();
        assertThat(counts[1]).as("out-of-reach pixels (rows far above)").isPositive();
        // the blind spot lies to the right of the current column, above it
        int[] reach = FieldCanvas.reach(field);
        for (int r = 0; r < 12; r++) {
            for (int c = 0; c < 16; c++) {
                if (!field[r][c] && FieldCanvas.isBlindSpot(reach, r, c)) {
                    assertThat(c).as("blind spot at (%d, %d)", r, c).isGreaterThan(8);
                    assertThat(r).as("blind spot at (%d, %d)", r, c).isGreaterThanOrEqualTo(7);
                }
            }
        }
    }

    @Test
    void theGatedPixelCnnHasNone() {
        String gated = ModelSpecs.all().stream()
                .filter(s -> s instanceof GatedPixelCnnSpec)
                .findFirst()
                .orElseThrow()
                .name();
        boolean[][] field = outputField(gated, 12, 8);
        int[] counts = unseen(field, 12, 8);
        assertThat(counts[0]).as("blind-spot pixels").isZero();
        assertThat(counts[1]).as("out-of-reach pixels").isPositive();
    }

    @Test
    void nothingReadMeansNoReach() {
        assertThat(FieldCanvas.reach(null)).isNull();
        assertThat(FieldCanvas.isBlindSpot(FieldCanvas.reach(new boolean[3][3]), 2, 1))
                .isFalse();
        assertThat(FieldCanvas.isBlindSpot(null, 0, 0)).isFalse();
    }
}
