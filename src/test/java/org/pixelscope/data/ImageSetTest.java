package org.pixelscope.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageSetTest {

    private final ImageSet set =
            new ImageSet("train", 3, 2, 2, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, (byte) 200, 9, 10, (byte) 255});

    @Test
    void pixelIsUnsignedAndInRasterOrder() {
        assertThat(set.pixelsPerImage()).isEqualTo(4);
        assertThat(set.pixel(1, 2)).isEqualTo(6);
        assertThat(set.pixel(2, 0)).isEqualTo(200);
        assertThat(set.pixel(2, 3)).isEqualTo(255);
        assertThatThrownBy(() -> set.pixel(3, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> set.pixel(0, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void sliceCopiesAndNamesTheRange() {
        ImageSet part = set.slice(1, 3);
        assertThat(part.name()).isEqualTo("train[1:3]");
        assertThat(part.count()).isEqualTo(2);
        assertThat(part.pixel(0, 0)).isEqualTo(4);
        assertThat(part.pixels()).isNotSameAs(set.pixels());
        assertThat(set.slice(0, 0).count()).isZero();
    }

    @Test
    void limitKeepsAtMostN() {
        assertThat(set.limit(2).count()).isEqualTo(2);
        assertThat(set.limit(10)).isSameAs(set);
    }

    @Test
    void equalityComparesPixels() {
        ImageSet copy = new ImageSet("train", 3, 2, 2, set.pixels().clone());
        assertThat(copy).isEqualTo(set).hasSameHashCodeAs(set);
        assertThat(copy.toString()).isEqualTo("ImageSet[train, 3 x 2x2]");
    }

    @Test
    void constructorRejectsInconsistentSizes() {
        assertThatThrownBy(() -> new ImageSet("x", 2, 2, 2, new byte[7])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageSet("x", 1, 0, 2, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageSet("x", -1, 2, 2, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
