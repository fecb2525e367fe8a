package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class RowLstmStepperTest {

    /** 7 rows so the 7x7 mask-A band is clipped at the top and bottom edges. */
    private static final RowLstmSpec SPEC = new RowLstmSpec("row-small", "test", 7, 6, 8, 7, 2, 3);
    private static final PixelModel MODEL = withBiases(NetworkBuilder.build(SPEC, 11, 1e-3));

    @Test
    void everyRowMatchesTheWholeNetwork() {
        INDArray x = TestImages.binary(3, SPEC.height(), SPEC.width(), 5);
        INDArray expected = MODEL.probabilities(x);
        RowLstmStepper stepper = new RowLstmStepper(MODEL);
        for (int row = 0; row < SPEC.height(); row++) {
            INDArray got = stepper.rowProbabilities(x, row);
            INDArray want = expected.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.point(row), NDArrayIndex.all());
            assertThat(got.shape()).containsExactly(3, SPEC.width());
            for (int i = 0; i < 3; i++) {
                for (int col = 0; col < SPEC.width(); col++) {
                    assertThat(got.getDouble(i, col)).as("image %d row %d col %d", i, row, col)
                            .isCloseTo(want.getDouble(i, col), org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        }
    }

    @Test
    void skippingAheadAndGoingBackGiveTheSameRows() {
        INDArray x = TestImages.binary(2, SPEC.height(), SPEC.width(), 9);
        INDArray expected = MODEL.probabilities(x);
        RowLstmStepper stepper = new RowLstmStepper(MODEL);
        for (int row : new int[] {4, 1, 6}) {
            INDArray got = stepper.rowProbabilities(x, row);
            INDArray want = expected.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.point(row), NDArrayIndex.all());
            assertThat(got.sub(want).amaxNumber().doubleValue()).as("row %d", row).isLessThan(1e-5);
        }
    }

    @Test
    void rejectsOtherModelsAndRowsOutsideTheImage() {
        PixelModel cnn = NetworkBuilder.build(ModelSpecs.require("pixelcnn-chapter").withSize(4, 4), 1, 1e-3);
        assertThatThrownBy(() -> new RowLstmStepper(cnn)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Row LSTM");
        RowLstmStepper stepper = new RowLstmStepper(MODEL);
        assertThatThrownBy(() -> stepper.rowProbabilities(TestImages.binary(1, SPEC.height(), SPEC.width(), 1), SPEC.height()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
    }

    /** Non-zero biases everywhere (every parameter its layer declares a bias), so a bias applied twice or forgotten shows. */
    static PixelModel withBiases(PixelModel model) {
        SplittableRandom rnd = new SplittableRandom(3);
        for (org.deeplearning4j.nn.api.Layer layer : model.network().getLayers()) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            layer.paramTable().forEach((name, value) -> {
                if (conf.initializer().isBiasParam(conf, name)) {
                    for (long j = 0; j < value.length(); j++) {
                        value.putScalar(j, value.getDouble(j) + rnd.nextDouble(-0.5, 0.5));
                    }
                }
            });
        }
        return model;
    }
}
