package org.pixelscope.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pixelscope.model.DiagonalBiLstmSpec;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.RasterLstmSpec;
import org.pixelscope.model.RowLstmSpec;
import org.pixelscope.model.TestImages;

class RecurrentSamplingTest {

    private static final PixelModel MODEL =
            NetworkBuilder.build(new RasterLstmSpec("raster-small", "test", 4, 5, 8, 1), 3, 1e-3);
    private static final PixelModel ROW_LSTM =
            NetworkBuilder.build(new RowLstmSpec("row-small", "test", 4, 5, 8, 3, 2, 3), 5, 1e-3);

    @Test
    void recurrentDrawsEqualNaiveDraws() {
        SampleRequest request = SampleRequest.fresh(4, 17, 1.0);
        assertSameDraws(MODEL, request);
    }

    @Test
    void diagonalBiLstmPixelStepsDrawWhatTheNaiveSamplerDraws() {
        PixelModel diagonal =
                NetworkBuilder.build(new DiagonalBiLstmSpec("diag-small", "test", 4, 5, 6, 3, 2), 9, 1e-3);
        assertSameDraws(diagonal, SampleRequest.fresh(3, 31, 1.0));
        assertSameDraws(diagonal, new SampleRequest(2, 6, 0.7, TestImages.pixels(2 * 20, 12), 2));
        assertThat(SamplerKind.fastest(diagonal.spec())).isEqualTo(SamplerKind.RECURRENT);
    }

    @Test
    void rowLstmRowStepsDrawWhatTheNaiveSamplerDraws() {
        assertSameDraws(ROW_LSTM, SampleRequest.fresh(4, 23, 1.0));
        assertSameDraws(ROW_LSTM, new SampleRequest(2, 4, 1.3, TestImages.pixels(2 * 20, 8), 1));
        assertThat(SamplerKind.fastest(ROW_LSTM.spec())).isEqualTo(SamplerKind.RECURRENT);
    }

    @Test
    void recurrentCompletionEqualsNaiveCompletion() {
        assertSameDraws(MODEL, new SampleRequest(3, 9, 0.8, TestImages.pixels(3 * 20, 5), 2));
    }

    @Test
    void fastestSamplerFollowsTheModel() {
        assertThat(SamplerKind.fastest(MODEL.spec())).isEqualTo(SamplerKind.RECURRENT);
        assertThat(SamplerKind.fastest(ModelSpecs.require("pixelcnn-chapter"))).isEqualTo(SamplerKind.CACHED);
        PixelModel cnn =
                NetworkBuilder.build(ModelSpecs.require("pixelcnn-chapter").withSize(4, 4), 1, 1e-3);
        assertThatThrownBy(() -> new RasterSampler(SamplerKind.RECURRENT)
                        .sample(cnn, SampleRequest.fresh(1, 1, 1.0), new SampleTrace(1, 4, 4), () -> false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no step form");
    }

    private static void assertSameDraws(PixelModel model, SampleRequest request) {
        SampleTrace naive = new SampleTrace(request.count(), 4, 5);
        SampleTrace recurrent = new SampleTrace(request.count(), 4, 5);
        new RasterSampler(SamplerKind.NAIVE).sample(model, request, naive, () -> false);
        new RasterSampler(SamplerKind.RECURRENT).sample(model, request, recurrent, () -> false);
        assertThat(recurrent.complete()).isTrue();
        for (int i = 0; i < request.count(); i++) {
            assertThat(recurrent.image(i)).containsExactly(naive.image(i));
            for (int k = recurrent.start(); k < 20; k++) {
                assertThat(recurrent.step(i, k).probability())
                        .isCloseTo(naive.step(i, k).probability(), org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }
}
