package org.pixelscope.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BinarizationTest {

    private final ImageSet images = Fixtures.randomImages("random", 100, 28, 28, 3);

    @Test
    void thresholdCutsAt128AndIgnoresTheSeed() {
        ImageSet set = new ImageSet("t", 1, 1, 5, new byte[] {0, 127, (byte) 128, (byte) 200, (byte) 255});
        assertThat(Binarization.THRESHOLD.binarize(set, 0, 1, 1)).containsExactly(0f, 0f, 1f, 1f, 1f);
        assertThat(Binarization.THRESHOLD.binarize(images, 0, 100, 1))
                .isEqualTo(Binarization.THRESHOLD.binarize(images, 0, 100, 2));
        assertThat(Binarization.THRESHOLD.usesSeed()).isFalse();
    }

    @Test
    void stochasticIsDeterministicForASeed() {
        float[] a = Binarization.STOCHASTIC.binarize(images, 0, 100, 42);
        float[] b = Binarization.STOCHASTIC.binarize(images, 0, 100, 42);
        float[] c = Binarization.STOCHASTIC.binarize(images, 0, 100, 43);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        for (float bit : a) {
            assertThat(bit).isIn(0f, 1f);
        }
    }

    @Test
    void imageBitsDoNotDependOnTheBatch() {
        float[] all = Binarization.STOCHASTIC.binarize(images, 0, 100, Binarization.FIXED_TEST_SEED);
        float[] part = Binarization.STOCHASTIC.binarize(images, 10, 20, Binarization.FIXED_TEST_SEED);
        int n = images.pixelsPerImage();
        assertThat(part).isEqualTo(Arrays.copyOfRange(all, 10 * n, 20 * n));
        assertThat(Binarization.STOCHASTIC.binarizeImage(images, 57, 0))
                .isEqualTo(Arrays.copyOfRange(all, 57 * n, 58 * n));
    }

    @Test
    void stochasticMeanMatchesIntensity() {
        ImageSet set = images.limit(10);
        float[] bits = Binarization.STOCHASTIC.binarize(set, 0, 10, 7);
        double intensity = 0;
        double ones = 0;
        for (int i = 0; i < bits.length; i++) {
            intensity += (set.pixels()[i] & 0xFF) / 255.0;
            ones += bits[i];
        }
        // 7,840 pixels: the standard error of the mean is about 0.006.
        assertThat(ones / bits.length).isCloseTo(intensity / bits.length, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void blackAndWhiteAreCertain() {
        ImageSet set = new ImageSet("bw", 2, 1, 2, new byte[] {0, (byte) 255, (byte) 255, 0});
        for (long seed = 0; seed < 50; seed++) {
            assertThat(Binarization.STOCHASTIC.binarize(set, 0, 2, seed)).containsExactly(0f, 1f, 1f, 0f);
        }
    }

    @Test
    void consecutiveEpochSeedsAreNotShiftedCopies() {
        float[] epoch0 = Binarization.STOCHASTIC.binarizeImage(images, 0, 5);
        float[] epoch1 = Binarization.STOCHASTIC.binarizeImage(images, 0, 6);
        int n = epoch0.length;
        int agree = 0;
        for (int k = 0; k + 1 < n; k++) {
            // A shifted copy would make draw k+1 of epoch 0 reuse draw k of epoch 1.
            agree += epoch0[k + 1] == epoch1[k] ? 1 : 0;
        }
        assertThat(agree).isLessThan(n - 50);
    }
}
