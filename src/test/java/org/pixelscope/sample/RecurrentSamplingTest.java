package org.pixelscope.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.RasterLstmSpec;

class RecurrentSamplingTest {

    private static final PixelModel MODEL = NetworkBuilder.build(new RasterLstmSpec("raster-small", "test", 4, 5, 8, 1), 3, 1e-3);

    @Test
    void recurrentDrawsEqualNaiveDraws() {
        SampleRequest request = SampleRequest.fresh(4, 17, 1.0);
        assertSameDraws(request);
    }

    @Test
    void recurrentCompletionEqualsNaiveCompletion() {
        float[] prefix = new float[3 * 20];
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < prefix.length; i++) {
            prefix[i] = rnd.nextInt(2);
        }
        assertSameDraws(new SampleRequest(3, 9, 0.8, prefix, 2));
    }

    @Test
    void fastestStrategyFollowsTheModel() {
        assertThat(RasterSampler.Strategy.fastest(MODEL.spec())).isEqualTo(RasterSampler.Strategy.RECURRENT);
        assertThat(RasterSampler.Strategy.fastest(ModelSpecs.require("pixelcnn-chapter"))).isEqualTo(RasterSampler.Strategy.CROPPED);
        PixelModel cnn = NetworkBuilder.build(ModelSpecs.require("pixelcnn-chapter").withSize(4, 4), 1, 1e-3);
        assertThatThrownBy(() -> new RasterSampler(RasterSampler.Strategy.RECURRENT)
                .sample(cnn, SampleRequest.fresh(1, 1, 1.0), new SampleTrace(1, 4, 4), () -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no step form");
    }

    private static void assertSameDraws(SampleRequest request) {
        SampleTrace naive = new SampleTrace(request.count(), 4, 5);
        SampleTrace recurrent = new SampleTrace(request.count(), 4, 5);
        new RasterSampler(RasterSampler.Strategy.NAIVE).sample(MODEL, request, naive, () -> false);
        new RasterSampler(RasterSampler.Strategy.RECURRENT).sample(MODEL, request, recurrent, () -> false);
        assertThat(recurrent.complete()).isTrue();
        for (int i = 0; i < request.count(); i++) {
            assertThat(recurrent.image(i)).containsExactly(naive.image(i));
            for (int k = recurrent.start(); k < 20; k++) {
                assertThat(recurrent.step(i, k).probability()).isCloseTo(naive.step(i, k).probability(),
                        org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }
}
