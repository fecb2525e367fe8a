package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class DiagonalBiLstmStepperTest {

    /** Not square, so rows and columns cannot be mixed up; 2 layers, so the residual stream is exercised. */
    private static final DiagonalBiLstmSpec SPEC = new DiagonalBiLstmSpec("diag-small", "test", 5, 7, 6, 5, 2);
    private static final PixelModel MODEL = RowLstmStepperTest.withBiases(NetworkBuilder.build(SPEC, 13, 1e-3));

    @Test
    void everyPixelMatchesTheWholeNetwork() {
        INDArray x = TestImages.binary(3, SPEC.height(), SPEC.width(), 4);
        INDArray expected = MODEL.probabilities(x);
        DiagonalBiLstmStepper stepper = new DiagonalBiLstmStepper(MODEL);
        for (int k = 0; k < SPEC.height() * SPEC.width(); k++) {
            INDArray got = stepper.probability(x, k);
            assertThat(got.length()).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                assertThat(got.getDouble(i)).as("image %d position %d", i, k)
                        .isCloseTo(expected.getDouble(i, 0, k / SPEC.width(), k % SPEC.width()),
                                org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void jumpingAheadAndBackCatchesUpFromTheImage() {
        INDArray x = TestImages.binary(2, SPEC.height(), SPEC.width(), 6);
        INDArray expected = MODEL.probabilities(x);
        DiagonalBiLstmStepper stepper = new DiagonalBiLstmStepper(MODEL);
        for (int k : new int[] {23, 23, 9, 34}) {
            INDArray got = stepper.probability(x, k);
            for (int i = 0; i < 2; i++) {
                assertThat(got.getDouble(i)).as("image %d position %d", i, k)
                        .isCloseTo(expected.getDouble(i, 0, k / SPEC.width(), k % SPEC.width()),
                                org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void rejectsOtherModelsAndPositionsOutsideTheImage() {
        PixelModel row = NetworkBuilder.build(new RowLstmSpec("row-small", "test", 4, 4, 4, 3, 1, 3), 1, 1e-3);
        assertThatThrownBy(() -> new DiagonalBiLstmStepper(row)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Diagonal BiLSTM");
        assertThatThrownBy(() -> new DiagonalBiLstmStepper(MODEL).probability(TestImages.binary(1, SPEC.height(), SPEC.width(), 1), 35))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
    }
}
