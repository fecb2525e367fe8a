package org.pixelscope.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.RowLstmSpec;
import org.pixelscope.model.TestImages;
import org.pixelscope.model.TestWeights;

class RowLstmStepperTest {

    /** 7 rows so the 7x7 mask-A band is clipped at the top and bottom edges. */
    private static final RowLstmSpec SPEC = new RowLstmSpec("row-small", "test", 7, 6, 8, 7, 2, 3);

    private static final PixelModel MODEL = TestWeights.withBiases(NetworkBuilder.build(SPEC, 11, 1e-3));

    @Test
    void everyRowMatchesTheWholeNetwork() {
        INDArray x = TestImages.binary(3, SPEC.height(), SPEC.width(), 5);
        INDArray expected = MODEL.probabilities(x);
        RowLstmStepper stepper = new RowLstmStepper(MODEL);
        for (int row = 0; row < SPEC.height(); row++) {
            INDArray got = stepper.rowProbabilities(x, row);
            INDArray want = expected.get(
                    NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.point(row), NDArrayIndex.all());
            assertThat(got.shape()).containsExactly(3, SPEC.width());
            for (int i = 0; i < 3; i++) {
                for (int col = 0; col < SPEC.width(); col++) {
                    assertThat(got.getDouble(i, col))
                            .as("image %d row %d col %d", i, row, col)
                            .isCloseTo(want.getDouble(i, col), org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        }
    }

    @Test
    void everyPixelThroughTheSamplerInterfaceMatchesTheWholeNetwork() {
        EveryPixel.assertMatchesWholeNetwork(MODEL, new RowLstmStepper(MODEL), 7);
        EveryPixel.assertMatchesWholeNetwork(MODEL, new RowLstmStepper(MODEL), 8, 2, 20, 20, 3, 41);
    }

    @Test
    void skippingAheadAndGoingBackGiveTheSameRows() {
        INDArray x = TestImages.binary(2, SPEC.height(), SPEC.width(), 9);
        INDArray expected = MODEL.probabilities(x);
        RowLstmStepper stepper = new RowLstmStepper(MODEL);
        for (int row : new int[] {4, 1, 6}) {
            INDArray got = stepper.rowProbabilities(x, row);
            INDArray want = expected.get(
                    NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.point(row), NDArrayIndex.all());
            assertThat(got.sub(want).amaxNumber().doubleValue())
                    .as("row %d", row)
                    .isLessThan(1e-5);
        }
    }

    @Test
    void rejectsOtherModelsAndRowsOutsideTheImage() {
        PixelModel cnn =
                NetworkBuilder.build(ModelSpecs.require("pixelcnn-chapter").withSize(4, 4), 1, 1e-3);
        assertThatThrownBy(() -> new RowLstmStepper(cnn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Row LSTM");
        RowLstmStepper stepper = new RowLstmStepper(MODEL);
        assertThatThrownBy(() ->
                        stepper.rowProbabilities(TestImages.binary(1, SPEC.height(), SPEC.width(), 1), SPEC.height()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside");
    }
}
