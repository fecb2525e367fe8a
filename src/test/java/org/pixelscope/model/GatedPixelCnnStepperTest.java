package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class GatedPixelCnnStepperTest {

    @Test
    void everyPixelMatchesTheWholeNetwork() {
        // windows reach past every edge of a 9x11 image
        assertEveryPixelMatches(GatedPixelCnnTest.SMALL.withSize(9, 11));
    }

    @Test
    void otherKernelSizesAndASingleLayer() {
        assertEveryPixelMatches(new GatedPixelCnnSpec("g5", "test", 7, 8, 3, 5, 3, 5));
        assertEveryPixelMatches(new GatedPixelCnnSpec("g1", "test", 5, 6, 3, 3, 1, 3));
    }

    @Test
    void rejectsOtherModels() {
        PixelModel cnn = NetworkBuilder.build(ModelSpecs.require("pixelcnn-chapter").withSize(4, 4), 1, 1e-3);
        assertThatThrownBy(() -> new GatedPixelCnnStepper(cnn)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Gated PixelCNN");
    }

    private static void assertEveryPixelMatches(GatedPixelCnnSpec spec) {
        PixelModel model = RowLstmStepperTest.withBiases(NetworkBuilder.build(spec, 17, 1e-3));
        INDArray x = TestImages.binary(3, spec.height(), spec.width(), 5);
        INDArray expected = model.probabilities(x);
        GatedPixelCnnStepper stepper = new GatedPixelCnnStepper(model);
        for (int k = 0; k < spec.height() * spec.width(); k++) {
            INDArray got = stepper.probability(x, k);
            for (int i = 0; i < 3; i++) {
                assertThat(got.getDouble(i)).as("%s image %d position %d", spec.name(), i, k)
                        .isCloseTo(expected.getDouble(i, 0, k / spec.width(), k % spec.width()),
                                org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }
}
