package org.pixelscope.ui.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.TestImages;
import org.pixelscope.train.Metrics;

/** The likelihood map of a model with K grey levels: each pixel's NLL under the categorical, summing to eval's figure. */
class GreyLevelsLikelihoodMapTest {

    @Test
    void eachPixelsShareIsMinusTheLogOfItsOwnLevelsProbability() {
        PixelCnnSpec spec = new PixelCnnSpec("small", "test", 8, 8, 4, 3, 1, 3, false).withLevels(16);
        PixelModel model = NetworkBuilder.build(spec, 3, 1e-3);
        INDArray x = TestImages.levels(1, 8, 8, 16, 5);
        float[] image = x.data().asFloat();
        LikelihoodMap map = LikelihoodMap.of(model, image);
        assertThat(map.levels()).isEqualTo(16);
        assertThat(map.total()).isCloseTo(Metrics.imageNats(model.probabilities(x), x)[0], within(1e-3));
        INDArray p = model.probabilities(Nd4j.create(image, new long[] {1, 1, 8, 8}, 'c'));
        for (int k = 0; k < 64; k++) {
            int level = map.level(k);
            assertThat(level).isEqualTo(Math.round(image[k] * 15));
            assertThat((double) map.p()[k]).isCloseTo(p.getDouble(0, level, k / 8, k % 8), within(1e-6));
            assertThat(map.nats()[k]).isCloseTo(-Math.log(map.p()[k]), within(1e-5));
        }
    }
}
