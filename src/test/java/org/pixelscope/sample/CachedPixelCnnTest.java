package org.pixelscope.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.RowLstmSpec;
import org.pixelscope.model.TestImages;
import org.pixelscope.model.TestWeights;

/** The cached sampler of the masked PixelCNNs against the whole network: every pixel, and the draws. */
class CachedPixelCnnTest {

    @Test
    void everyPixelOfTheChapterNetworkMatchesTheWholeNetwork() {
        // the chapter's layers on a 9x12 image: kernels reach past every edge
        assertEveryPixelMatches(
                (PixelCnnSpec) ModelSpecs.require("pixelcnn-chapter").withSize(9, 12));
    }

    @Test
    void everyPixelOfTheResidualNetworkMatchesTheWholeNetwork() {
        assertEveryPixelMatches(
                (PixelCnnSpec) ModelSpecs.require("pixelcnn-residual").withSize(8, 7));
    }

    @Test
    void otherKernelSizesAndNoHiddenLayers() {
        assertEveryPixelMatches(new PixelCnnSpec("odd", "test", 6, 8, 5, 5, 2, 5, false));
        assertEveryPixelMatches(new PixelCnnSpec("flat", "test", 5, 5, 4, 3, 0, 3, false));
        assertEveryPixelMatches(new PixelCnnSpec("wide-first", "test", 7, 6, 3, 3, 3, 5, true));
    }

    @Test
    void jumpingAheadAndBackCatchesUpFromTheImage() {
        PixelModel model = TestWeights.withBiases(
                NetworkBuilder.build(ModelSpecs.require("pixelcnn-residual").withSize(9, 12), 4, 1e-3));
        EveryPixel.assertMatchesWholeNetwork(model, SamplerKind.CACHED.create(model), 9, 2, 50, 50, 51, 13, 107, 0);
    }

    @Test
    void drawsWhatTheNaiveSamplerDraws() {
        PixelModel model = TestWeights.withBiases(NetworkBuilder.build(
                (PixelCnnSpec) ModelSpecs.require("pixelcnn-residual").withSize(9, 8), 5, 1e-3));
        SampleRequest request = SampleRequest.fresh(3, 12, 1.0);
        SampleTrace naive = sample(SamplerKind.NAIVE, model, request);
        SampleTrace cached = sample(SamplerKind.CACHED, model, request);
        for (int i = 0; i < 3; i++) {
            assertThat(cached.image(i)).as("image %d", i).containsExactly(naive.image(i));
            for (int k = 0; k < 72; k++) {
                assertThat(cached.step(i, k).probability())
                        .isCloseTo(naive.step(i, k).probability(), within(1e-5));
            }
        }
    }

    @Test
    void rejectsOtherModelsAndPositionsOutsideTheImage() {
        PixelModel row = NetworkBuilder.build(new RowLstmSpec("row-small", "test", 4, 4, 4, 3, 1, 3), 1, 1e-3);
        assertThatThrownBy(() -> new CachedPixelCnn(row))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a masked PixelCNN");
        assertThatThrownBy(() -> SamplerKind.CACHED.create(row))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serves the PixelCNNs");
        PixelModel cnn =
                NetworkBuilder.build(ModelSpecs.require("pixelcnn-chapter").withSize(4, 4), 1, 1e-3);
        assertThatThrownBy(() -> new CachedPixelCnn(cnn).next(TestImages.binary(1, 4, 4, 1), 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside");
    }

    @Test
    void aKernelThatReadsAPositionNotComputedYetIsRefused() {
        // a full 3x3 kernel reads (r, c + 1) and the row below: no raster order has computed those
        assertThatThrownBy(() ->
                        new KernelTaps(Nd4j.ones(DataType.FLOAT, 3, 3, 2, 2), 1, 1, KernelTaps.Reach.UP_TO, "leaky"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("leaky")
                .hasMessageContaining("(0, 1)");
        // mask B keeps the centre: fine for a layer above the first, a leak for one that reads the image
        float[] maskB = {1, 1, 1, 1, 1, 0, 0, 0, 0};
        KernelTaps upTo =
                new KernelTaps(Nd4j.create(maskB, new long[] {3, 3, 1, 1}, 'c'), 1, 1, KernelTaps.Reach.UP_TO, "b");
        assertThat(upTo.taps()).isEqualTo(5);
        assertThatThrownBy(() -> new KernelTaps(
                        Nd4j.create(maskB, new long[] {3, 3, 1, 1}, 'c'), 1, 1, KernelTaps.Reach.BEFORE, "a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(0, 0)");
    }

    private static void assertEveryPixelMatches(PixelCnnSpec spec) {
        PixelModel model = TestWeights.withBiases(NetworkBuilder.build(spec, 21, 1e-3));
        EveryPixel.assertMatchesWholeNetwork(model, SamplerKind.CACHED.create(model), 8);
    }

    static SampleTrace sample(SamplerKind kind, PixelModel model, SampleRequest request) {
        SampleTrace trace = new SampleTrace(
                request.count(), model.spec().height(), model.spec().width());
        new RasterSampler(kind).sample(model, request, trace, () -> false);
        return trace;
    }
}
