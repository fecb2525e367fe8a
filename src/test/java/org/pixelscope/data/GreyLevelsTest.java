package org.pixelscope.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GreyLevelsTest {

    private final ImageSet images = Fixtures.randomImages("random", 6, 28, 28, 13);

    @Test
    void quantisesIntoKEqualBinsOfTheGreyRange() {
        GreyLevels four = new GreyLevels(4);
        assertThat(four.level(0)).isZero();
        assertThat(four.level(63)).isZero();
        assertThat(four.level(64)).isEqualTo(1);
        assertThat(four.level(191)).isEqualTo(2);
        assertThat(four.level(192)).isEqualTo(3);
        assertThat(four.level(255)).isEqualTo(3);
        GreyLevels all = new GreyLevels(256);
        for (int v = 0; v < 256; v++) {
            assertThat(all.level(v)).isEqualTo(v);
        }
        assertThat(new GreyLevels(16).level(255)).isEqualTo(15);
    }

    @Test
    void inputsAreLevelsOverKMinusOneAndReadBack() {
        for (int k : new int[] {2, 4, 16, 256}) {
            GreyLevels grey = new GreyLevels(k);
            assertThat(grey.input(0)).isZero();
            assertThat(grey.input(k - 1)).isEqualTo(1f);
            for (int l = 0; l < k; l++) {
                assertThat(grey.levelOf(grey.input(l))).isEqualTo(l);
            }
        }
    }

    @Test
    void onlyTwoTo256LevelsExist() {
        assertThatThrownBy(() -> new GreyLevels(1)).hasMessage("grey levels must be 2 to 256, got 1");
        assertThatThrownBy(() -> new GreyLevels(300)).hasMessage("grey levels must be 2 to 256, got 300");
        assertThat(new GreyLevels(16).describe()).isEqualTo("K = 16 grey levels");
    }

    @Test
    void twoLevelsAreTheBinarisationAndMoreAreTheQuantisationEveryEpoch() {
        BinarizedIterator binary = new BinarizedIterator(images, 6, Binarization.STOCHASTIC, 3, false);
        BinarizedIterator two = binary.withLevels(GreyLevels.BINARY);
        assertThat(two.next().getFeatures()).isEqualTo(binary.next().getFeatures());

        GreyLevels sixteen = new GreyLevels(16);
        BinarizedIterator grey =
                new BinarizedIterator(images, 6, Binarization.STOCHASTIC, 3, false).withLevels(sixteen);
        float[] first = grey.next().getFeatures().data().asFloat();
        byte[] pixels = images.pixels();
        for (int j = 0; j < first.length; j++) {
            assertThat(first[j]).isEqualTo(sixteen.level(pixels[j] & 0xFF) / 15f);
        }
        grey.reset();
        assertThat(grey.next().getFeatures().data().asFloat()).isEqualTo(first);
        assertThat(sixteen.evaluationLevels(images, 2)[100])
                .isEqualTo((float) sixteen.level(pixels[784 * 2 + 100] & 0xFF));
        assertThat(GreyLevels.BINARY.evaluationLevels(images, 2))
                .isEqualTo(Binarization.STOCHASTIC.binarizeImage(images, 2, Binarization.FIXED_TEST_SEED));
    }
}
