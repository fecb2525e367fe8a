package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class PixelCnnTest {

    @Test
    void chapterModelHasTheBooksParameterCount() {
        PixelModel model = NetworkBuilder.build(PixelCnnSpec.chapter(), 1, 1e-3);
        assertThat(model.parameterCount()).isEqualTo(187_905);
        assertThat(model.probabilities(Nd4j.zeros(2, 1, 28, 28)).shape()).containsExactly(2, 1, 28, 28);
    }

    @Test
    void chapterModelIsAutoregressive() {
        Causality.assertAutoregressive(
                NetworkBuilder.build(PixelCnnSpec.chapter().withSize(10, 10), 3, 1e-3), 11);
    }

    @Test
    void residualModelIsAutoregressive() {
        Causality.assertAutoregressive(
                NetworkBuilder.build(ModelSpecs.require("pixelcnn-residual").withSize(10, 10), 4, 1e-3), 12);
    }
}
