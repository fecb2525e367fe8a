package org.pixelscope.sample;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pixelscope.model.DiagonalBiLstmSpec;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.RowLstmSpec;
import org.pixelscope.model.TestImages;
import org.pixelscope.model.TestWeights;

class DiagonalBiLstmStepperTest {

    /** Not square, so rows and columns cannot be mixed up; 2 layers, so the residual stream is exercised. */
    private static final DiagonalBiLstmSpec SPEC = new DiagonalBiLstmSpec("diag-small", "test", 5, 7, 6, 5, 2);

    private static final PixelModel MODEL = TestWeights.withBiases(NetworkBuilder.build(SPEC, 13, 1e-3));

    @Test
    void everyPixelMatchesTheWholeNetwork() {
        EveryPixel.assertMatchesWholeNetwork(MODEL, new DiagonalBiLstmStepper(MODEL), 4);
    }

    @Test
    void jumpingAheadAndBackCatchesUpFromTheImage() {
        EveryPixel.assertMatchesWholeNetwork(MODEL, new DiagonalBiLstmStepper(MODEL), 6, 2, 23, 23, 9, 34);
    }

    @Test
    void rejectsOtherModelsAndPositionsOutsideTheImage() {
        PixelModel row = NetworkBuilder.build(new RowLstmSpec("row-small", "test", 4, 4, 4, 3, 1, 3), 1, 1e-3);
        assertThatThrownBy(() -> new DiagonalBiLstmStepper(row))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Diagonal BiLSTM");
        assertThatThrownBy(() ->
                        new DiagonalBiLstmStepper(MODEL).next(TestImages.binary(1, SPEC.height(), SPEC.width(), 1), 35))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside");
    }
}
