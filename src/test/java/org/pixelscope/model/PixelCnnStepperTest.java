package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class PixelCnnStepperTest {

    @Test
    void everyPixelOfTheChapterNetworkMatchesTheWholeNetwork() {
        // the chapter's layers on a 9x12 image: windows reach past every edge
        assertEveryPixelMatches((PixelCnnSpec) ModelSpecs.require("pixelcnn-chapter").withSize(9, 12));
    }

    @Test
    void everyPixelOfTheResidualNetworkMatchesTheWholeNetwork() {
        assertEveryPixelMatches((PixelCnnSpec) ModelSpecs.require("pixelcnn-residual").withSize(8, 7));
    }

    @Test
    void otherKernelSizesAndNoHiddenLayers() {
        assertEveryPixelMatches(new PixelCnnSpec("odd", "test", 6, 8, 5, 5, 2, 5, false));
        assertEveryPixelMatches(new PixelCnnSpec("flat", "test", 5, 5, 4, 3, 0, 3, false));
    }

    @Test
    void rejectsOtherModelsAndPositionsOutsideTheImage() {
        PixelModel row = NetworkBuilder.build(new RowLstmSpec("row-small", "test", 4, 4, 4, 3, 1, 3), 1, 1e-3);
        assertThatThrownBy(() -> new PixelCnnStepper(row)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a PixelCNN");
        PixelModel cnn = NetworkBuilder.build(ModelSpecs.require("pixelcnn-chapter").withSize(4, 4), 1, 1e-3);
        assertThatThrownBy(() -> new PixelCnnStepper(cnn).probability(TestImages.binary(1, 4, 4, 1), 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
    }

    private static void assertEveryPixelMatches(PixelCnnSpec spec) {
        PixelModel model = RowLstmStepperTest.withBiases(NetworkBuilder.build(spec, 21, 1e-3));
        assertEveryPixelMatches(model, new PixelCnnStepper(model)::probability, 8);
    }

    /** A local sampler's p(x=1) at every position of 3 random images equals the whole network's. */
    static void assertEveryPixelMatches(PixelModel model, BiFunction<INDArray, Integer, INDArray> local, long seed) {
        ModelSpec spec = model.spec();
        INDArray x = TestImages.binary(3, spec.height(), spec.width(), seed);
        INDArray expected = model.probabilities(x);
        for (int k = 0; k < spec.height() * spec.width(); k++) {
            INDArray got = local.apply(x, k);
            for (int i = 0; i < 3; i++) {
                assertThat(got.getDouble(i)).as("%s image %d position %d", spec.name(), i, k)
                        .isCloseTo(expected.getDouble(i, 0, k / spec.width(), k % spec.width()),
                                org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }
}
