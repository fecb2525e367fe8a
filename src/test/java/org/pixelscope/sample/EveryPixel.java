package org.pixelscope.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.TestImages;

/** The every-pixel check of a fast sampler: its p(x=1) (or K level probabilities) equals the whole network's at every position. */
final class EveryPixel {

    private EveryPixel() {}

    /** Positions 0, 1, ..., H*W - 1 in turn, on 3 random images: each within 1e-5 of the whole network. */
    static void assertMatchesWholeNetwork(PixelModel model, Conditionals conditionals, long seed) {
        ModelSpec spec = model.spec();
        int[] all = new int[spec.height() * spec.width()];
        for (int k = 0; k < all.length; k++) {
            all[k] = k;
        }
        assertMatchesWholeNetwork(model, conditionals, seed, 3, all);
    }

    /** The given positions in the given order (ahead, back, the same again), on {@code n} random images. */
    static void assertMatchesWholeNetwork(
            PixelModel model, Conditionals conditionals, long seed, int n, int... positions) {
        ModelSpec spec = model.spec();
        INDArray x = TestImages.binary(n, spec.height(), spec.width(), seed);
        if (model.levels() > 2) {
            x = TestImages.levels(n, spec.height(), spec.width(), model.levels(), seed);
        }
        INDArray expected = model.probabilities(x);
        int c = (int) expected.size(1);
        for (int k : positions) {
            float[] got = conditionals.next(x, k);
            assertThat(got).hasSize(n * c);
            for (int i = 0; i < n; i++) {
                for (int v = 0; v < c; v++) {
                    assertThat((double) got[i * c + v])
                            .as("%s image %d position %d channel %d", spec.name(), i, k, v)
                            .isCloseTo(
                                    expected.getDouble(i, v, k / spec.width(), k % spec.width()), Offset.offset(1e-5));
                }
            }
        }
    }
}
