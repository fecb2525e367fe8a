package org.pixelscope.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pixelscope.model.GatedPixelCnnSpec;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.TestWeights;

/** Drawing a chosen class: the cached sampler folds the label into its biases and draws what the naive one draws. */
class ConditionalSamplingTest {

    private static final GatedPixelCnnSpec SMALL = new GatedPixelCnnSpec("cond-small", "test", 8, 9, 4, 5, 3, 3, 4);

    @Test
    void everyPixelMatchesTheWholeNetworkUnderEachLabel() {
        PixelModel model = TestWeights.withBiases(NetworkBuilder.build(SMALL, 11, 1e-3));
        PixelModel perImage = model.given(3, 0, 2);
        EveryPixel.assertMatchesWholeNetwork(perImage, SamplerKind.CACHED.create(perImage), 5);
        PixelModel one = model.given(1);
        EveryPixel.assertMatchesWholeNetwork(one, SamplerKind.CACHED.create(one), 6, 2, 0, 1, 30, 29, 71);
    }

    @Test
    void theCachedAndCroppedSamplersDrawWhatTheNaiveOneDrawsForTheSameSeedAndLabels() {
        PixelModel model = TestWeights.withBiases(NetworkBuilder.build(SMALL, 6, 1e-3));
        SampleRequest request = SampleRequest.fresh(4, 14, 1.0).withLabels(new int[] {0, 3, 3, 1});
        SampleTrace naive = CachedPixelCnnTest.sample(SamplerKind.NAIVE, model, request);
        SampleTrace cropped = CachedPixelCnnTest.sample(SamplerKind.CROPPED, model, request);
        SampleTrace cached = CachedPixelCnnTest.sample(SamplerKind.CACHED, model, request);
        for (int i = 0; i < 4; i++) {
            assertThat(cropped.image(i)).as("image %d", i).containsExactly(naive.image(i));
            assertThat(cached.image(i)).as("image %d", i).containsExactly(naive.image(i));
            for (int k = 0; k < 72; k++) {
                assertThat(cached.step(i, k).probability())
                        .isCloseTo(naive.step(i, k).probability(), within(1e-5));
            }
        }
        // the label is what differs between images 1 and 2 of the same draws: not their pixels' randomness
        SampleTrace relabelled =
                CachedPixelCnnTest.sample(SamplerKind.CACHED, model, request.withLabels(new int[] {0, 3, 3, 2}));
        assertThat(relabelled.image(0)).containsExactly(cached.image(0));
        assertThat(relabelled.step(3, 0).probability())
                .isNotEqualTo(cached.step(3, 0).probability());
    }

    @Test
    void theMixtureIsDrawnByTheWholeNetworkOnly() {
        PixelModel model = NetworkBuilder.build(SMALL, 2, 1e-3);
        SampleTrace mixture = CachedPixelCnnTest.sample(SamplerKind.NAIVE, model, SampleRequest.fresh(2, 3, 1.0));
        assertThat(mixture.image(0)).hasSize(72);
        assertThatThrownBy(() -> SamplerKind.CACHED.create(model))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class-conditional");
    }

    @Test
    void theRegisteredConditionalModelSamplesWithTheCachedSampler() {
        GatedPixelCnnSpec spec = (GatedPixelCnnSpec) ModelSpecs.require("pixelcnn-gated-conditional");
        assertThat(spec.classes()).isEqualTo(10);
        assertThat(SamplerKind.fastest(spec)).isEqualTo(SamplerKind.CACHED);
    }
}
