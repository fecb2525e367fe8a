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

/** The cached sampler of the Gated PixelCNN against the whole network: every pixel, and the draws. */
class CachedGatedPixelCnnTest {

    private static final GatedPixelCnnSpec SMALL = new GatedPixelCnnSpec("gated-small", "test", 9, 9, 4, 7, 3, 3);

    @Test
    void everyPixelMatchesTheWholeNetwork() {
        // kernels reach past every edge of a 9x11 image
        assertEveryPixelMatches(SMALL.withSize(9, 11));
    }

    @Test
    void otherKernelSizesAndASingleLayer() {
        assertEveryPixelMatches(new GatedPixelCnnSpec("g5", "test", 7, 8, 3, 5, 3, 5));
        assertEveryPixelMatches(new GatedPixelCnnSpec("g1", "test", 5, 6, 3, 3, 1, 3));
    }

    @Test
    void jumpingAheadAndBackCatchesUpFromTheImage() {
        PixelModel model = TestWeights.withBiases(NetworkBuilder.build(SMALL, 3, 1e-3));
        EveryPixel.assertMatchesWholeNetwork(model, SamplerKind.CACHED.create(model), 4, 2, 40, 40, 41, 9, 80, 0);
    }

    @Test
    void theCroppedAndCachedSamplersDrawWhatTheNaiveOneDraws() {
        PixelModel model = TestWeights.withBiases(NetworkBuilder.build(SMALL, 6, 1e-3));
        assertThat(SMALL.contextRows()).isLessThan(SMALL.height());
        SampleRequest request = SampleRequest.fresh(3, 14, 1.0);
        SampleTrace naive = CachedPixelCnnTest.sample(SamplerKind.NAIVE, model, request);
        SampleTrace cropped = CachedPixelCnnTest.sample(SamplerKind.CROPPED, model, request);
        SampleTrace cached = CachedPixelCnnTest.sample(SamplerKind.CACHED, model, request);
        for (int i = 0; i < 3; i++) {
            assertThat(cropped.image(i)).as("image %d", i).containsExactly(naive.image(i));
            assertThat(cached.image(i)).as("image %d", i).containsExactly(naive.image(i));
            for (int k = 0; k < 81; k++) {
                assertThat(cropped.step(i, k).probability())
                        .isCloseTo(naive.step(i, k).probability(), within(1e-5));
                assertThat(cached.step(i, k).probability())
                        .isCloseTo(naive.step(i, k).probability(), within(1e-5));
            }
        }
    }

    @Test
    void theRegisteredModelSamplesWithTheCachedSampler() {
        GatedPixelCnnSpec spec = (GatedPixelCnnSpec) ModelSpecs.require("pixelcnn-gated");
        assertThat(spec.contextRows()).isEqualTo(3 + 1 + 5);
        assertThat(SamplerKind.fastest(spec)).isEqualTo(SamplerKind.CACHED);
    }

    @Test
    void rejectsOtherModels() {
        PixelModel cnn =
                NetworkBuilder.build(ModelSpecs.require("pixelcnn-chapter").withSize(4, 4), 1, 1e-3);
        assertThatThrownBy(() -> new CachedGatedPixelCnn(cnn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Gated PixelCNN");
    }

    private static void assertEveryPixelMatches(GatedPixelCnnSpec spec) {
        PixelModel model = TestWeights.withBiases(NetworkBuilder.build(spec, 17, 1e-3));
        EveryPixel.assertMatchesWholeNetwork(model, SamplerKind.CACHED.create(model), 5);
    }
}
