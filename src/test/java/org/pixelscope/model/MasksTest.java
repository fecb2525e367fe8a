package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The mask arithmetic of {@link Masks}: spatial taps, colour groups, counts and argument checks. */
class MasksTest {

    @Test
    void sevenBySevenMaskABlocksTheCentreAndEverythingAfterIt() {
        boolean[][] a = Masks.spatial(7, 7, MaskType.A);
        assertThat(allowedCount(a)).isEqualTo(24);
        assertThat(a[3][3]).as("centre").isFalse();
        assertThat(a[3][2]).as("left of the centre").isTrue();
        assertThat(a[3][4]).as("right of the centre").isFalse();
        assertThat(a[2][6]).as("row above, far right").isTrue();
        assertThat(a[4][0]).as("row below, far left").isFalse();
    }

    @Test
    void threeByThreeMaskBKeepsTheCentre() {
        boolean[][] b = Masks.spatial(3, 3, MaskType.B);
        assertThat(allowedCount(b)).isEqualTo(5);
        assertThat(b[1][1]).as("centre").isTrue();
        assertThat(b[0][2]).isTrue();
        assertThat(b[1][2]).isFalse();
        assertThat(b[2][0]).isFalse();
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1, 1", "3, 3", "5, 5", "7, 7", "1, 5", "5, 3"})
    void masksAAndBDifferExactlyAtTheCentre(int kernelH, int kernelW) {
        boolean[][] a = Masks.spatial(kernelH, kernelW, MaskType.A);
        boolean[][] b = Masks.spatial(kernelH, kernelW, MaskType.B);
        int centre = (kernelH / 2) * kernelW + kernelW / 2;
        for (int r = 0; r < kernelH; r++) {
            for (int c = 0; c < kernelW; c++) {
                int raster = r * kernelW + c;
                assertThat(a[r][c]).as("A at (%d, %d)", r, c).isEqualTo(raster < centre);
                assertThat(b[r][c]).as("B at (%d, %d)", r, c).isEqualTo(raster <= centre);
            }
        }
    }

    @Test
    void kernelHasTheYxioWeightLayoutAndFollowsTheSpatialMaskForOneGroup() {
        INDArray k = Masks.kernel(7, 5, MaskType.B, 2, 3, 1);
        assertThat(k.shape()).containsExactly(7, 5, 2, 3);
        assertThat(k.dataType()).isEqualTo(DataType.FLOAT);
        boolean[][] spatial = Masks.spatial(7, 5, MaskType.B);
        for (int r = 0; r < 7; r++) {
            for (int c = 0; c < 5; c++) {
                for (int in = 0; in < 2; in++) {
                    for (int out = 0; out < 3; out++) {
                        assertThat(k.getDouble(r, c, in, out))
                                .as("(%d, %d, %d, %d)", r, c, in, out)
                                .isEqualTo(spatial[r][c] ? 1.0 : 0.0);
                    }
                }
            }
        }
    }

    /** R, G, B groups of {@code channels / 3} channels each; the paper's sec. 3.4 rule at the centre. */
    @ParameterizedTest(name = "{0} channels")
    @ValueSource(ints = {3, 6})
    void colourGroupsAtTheCentre(int channels) {
        INDArray a = Masks.kernel(3, 3, MaskType.A, channels, channels, 3);
        INDArray b = Masks.kernel(3, 3, MaskType.B, channels, channels, 3);
        int perGroup = channels / 3;
        for (int in = 0; in < channels; in++) {
            for (int out = 0; out < channels; out++) {
                int gIn = in / perGroup;
                int gOut = out / perGroup;
                assertThat(a.getDouble(1, 1, in, out))
                        .as("A: group %d reads group %d", gOut, gIn)
                        .isEqualTo(gIn < gOut ? 1.0 : 0.0);
                assertThat(b.getDouble(1, 1, in, out))
                        .as("B: group %d reads group %d", gOut, gIn)
                        .isEqualTo(gIn <= gOut ? 1.0 : 0.0);
            }
        }
        int r = 0;
        int g = perGroup;
        int bl = 2 * perGroup;
        assertThat(centreAllowed(a, r, r, perGroup))
                .as("A: R sees nothing, not even R")
                .isZero();
        assertThat(centreAllowed(a, g, g, perGroup)).as("A: G does not see G").isZero();
        assertThat(centreAllowed(a, bl, bl, perGroup)).as("A: B does not see B").isZero();
        assertThat(centreAllowed(a, r, g, perGroup)).as("A: G sees R").isEqualTo(perGroup * perGroup);
        assertThat(centreAllowed(a, r, bl, perGroup) + centreAllowed(a, g, bl, perGroup))
                .as("A: B sees R and G")
                .isEqualTo(2 * perGroup * perGroup);
        assertThat(centreAllowed(a, g, r, perGroup) + centreAllowed(a, bl, r, perGroup))
                .as("A: R sees nothing")
                .isZero();
        for (int group = 0; group < 3; group++) {
            int first = group * perGroup;
            assertThat(centreAllowed(b, first, first, perGroup))
                    .as("B: group %d sees itself", group)
                    .isEqualTo(perGroup * perGroup);
        }
        for (INDArray k : new INDArray[] {a, b}) {
            for (int tap = 0; tap < 9; tap++) {
                if (tap == 4) {
                    continue; // the centre, checked above
                }
                double expected = tap < 4 ? 1.0 : 0.0; // before the centre: all channels; after: none
                for (int in = 0; in < channels; in++) {
                    for (int out = 0; out < channels; out++) {
                        assertThat(k.getDouble(tap / 3, tap % 3, in, out))
                                .as("tap %d, %d -> %d", tap, in, out)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}x{1} {2}, {3} -> {4}, {5} groups")
    @CsvSource({"7, 7, A, 1, 64, 1", "3, 3, B, 64, 64, 1", "3, 3, A, 6, 6, 3", "5, 3, B, 3, 6, 3", "1, 1, A, 3, 3, 3"})
    void blockedWeightsCountsTheZerosOfTheKernel(
            int kernelH, int kernelW, MaskType type, int nIn, int nOut, int groups) {
        INDArray k = Masks.kernel(kernelH, kernelW, type, nIn, nOut, groups);
        long zeros = k.length() - Math.round(k.sumNumber().doubleValue());
        assertThat(Masks.blockedWeights(kernelH, kernelW, type, nIn, nOut, groups))
                .isEqualTo(zeros);
    }

    @Test
    void blockedWeightsOfTheChapterLayers() {
        // 7x7 A: 25 taps (centre and after) of one input channel for each of 64 outputs; 3x3 B: 4 taps.
        assertThat(Masks.blockedWeights(7, 7, MaskType.A, 1, 64, 1)).isEqualTo(25L * 64);
        assertThat(Masks.blockedWeights(3, 3, MaskType.B, 64, 64, 1)).isEqualTo(4L * 64 * 64);
    }

    @Test
    void evenOrEmptyKernelSizesAreRejected() {
        assertThatThrownBy(() -> Masks.spatial(4, 3, MaskType.A))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("odd")
                .hasMessageContaining("4x3");
        assertThatThrownBy(() -> Masks.spatial(3, 2, MaskType.B)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Masks.spatial(0, 1, MaskType.B)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Masks.kernel(2, 2, MaskType.A, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void channelsThatDoNotSplitIntoTheGroupsAreRejected() {
        assertThatThrownBy(() -> Masks.kernel(3, 3, MaskType.A, 4, 3, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("colour groups");
        assertThatThrownBy(() -> Masks.kernel(3, 3, MaskType.A, 3, 3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Masks.blockedWeights(3, 3, MaskType.A, 4, 3, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("colour groups");
        assertThatThrownBy(() -> Masks.blockedWeights(4, 3, MaskType.B, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("odd");
    }

    private static int allowedCount(boolean[][] mask) {
        int n = 0;
        for (boolean[] row : mask) {
            for (boolean allowed : row) {
                n += allowed ? 1 : 0;
            }
        }
        return n;
    }

    /** How many connections from input group starting at {@code inStart} to output group at {@code outStart}. */
    private static int centreAllowed(INDArray k, int inStart, int outStart, int perGroup) {
        int n = 0;
        for (int in = inStart; in < inStart + perGroup; in++) {
            for (int out = outStart; out < outStart + perGroup; out++) {
                n += (int) k.getDouble(1, 1, in, out);
            }
        }
        return n;
    }
}
