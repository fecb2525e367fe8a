package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

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
        PixelCnnStepperTest.assertEveryPixelMatches(model, new GatedPixelCnnStepper(model)::probability, 5);
    }
}
