package org.pixelscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pixelscope.model.GatedPixelCnnSpec;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.TestImages;

/** {@code train --init-from}: a conditional model started from an unconditional one computes what it computes. */
class WarmStartTest {

    private static final GatedPixelCnnSpec PLAIN = new GatedPixelCnnSpec("plain-small", "test", 7, 7, 4, 5, 3, 3, 0);
    private static final GatedPixelCnnSpec CONDITIONAL =
            new GatedPixelCnnSpec("cond-small", "test", 7, 7, 4, 5, 3, 3, 3);

    @Test
    void theConditionalModelStartsAsTheUnconditionalOneUnderEveryLabel() {
        try (PixelModel source = NetworkBuilder.build(PLAIN, 1, 1e-3);
                PixelModel target = NetworkBuilder.build(CONDITIONAL, 2, 1e-3)) {
            // biases away from their zero start, so copying them is seen too
            source.network()
                    .params()
                    .addi(Nd4j.rand(source.network().params().shape()).subi(0.5).muli(0.1));
            INDArray x = TestImages.binary(3, 7, 7, 5);
            INDArray expected = source.probabilities(x);
            assertThat(maxAbs(target.given(0).probabilities(x).sub(expected)))
                    .as("before the copy")
                    .isGreaterThan(1e-3);

            WarmStart.Report report = WarmStart.copy(source, target);

            assertThat(report.zeroed()).hasSize(2 * 3).allMatch(k -> k.endsWith("_Lv") || k.endsWith("_Lh"));
            assertThat(report.unused()).isEmpty();
            assertThat(report.copiedValues() + 2L * 3 * 3 * 2 * 4).isEqualTo(target.parameterCount());
            for (int y = 0; y < 3; y++) {
                assertThat(maxAbs(target.given(y).probabilities(x).sub(expected)))
                        .as("label %d", y)
                        .isLessThan(1e-6);
            }
            assertThat(maxAbs(target.probabilities(x).sub(expected)))
                    .as("the mixture")
                    .isLessThan(1e-6);
        }
    }

    @Test
    void modelsWithNoSharedLayerAreRefused() {
        try (PixelModel source = NetworkBuilder.build(PixelCnnSpec.chapter().withSize(7, 7), 1, 1e-3);
                PixelModel target = NetworkBuilder.build(CONDITIONAL, 2, 1e-3)) {
            assertThatThrownBy(() -> WarmStart.copy(source, target))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("share no parameter array");
        }
    }

    @Test
    void aGreyLevelModelStartsFromABinaryOneBelowItsOutputLayerAtUniformLevels() {
        try (PixelModel source = NetworkBuilder.build(PLAIN, 1, 1e-3);
                PixelModel target = NetworkBuilder.build(PLAIN.withLevels(4), 2, 1e-3)) {
            INDArray x = TestImages.binary(3, 7, 7, 5);
            assertThat(maxAbs(target.probabilities(x).sub(0.25)))
                    .as("before the copy")
                    .isGreaterThan(1e-3);

            WarmStart.Report report = WarmStart.copy(source, target);

            assertThat(report.zeroed()).isEmpty();
            assertThat(report.unused()).isEmpty();
            assertThat(report.fresh()).hasSize(2);
            assertThat(report.describe())
                    .contains("as the output has other grey levels: " + String.join(", ", report.fresh()));
            var from = source.network().paramTable();
            target.network().paramTable().forEach((key, value) -> {
                if (report.fresh().contains(key)) {
                    assertThat(value.shape()[value.rank() - 1]).as(key).isEqualTo(4);
                    assertThat(maxAbs(value)).as(key).isZero();
                } else {
                    assertThat(value).as(key).isEqualTo(from.get(key));
                }
            });
            assertThat(target.parameterCount() - report.copiedValues())
                    .as("the 1x1 output's kernel and bias, 4 levels")
                    .isEqualTo(4L * 4 + 4);
            INDArray p = target.probabilities(x);
            assertThat(p.shape()).containsExactly(3, 4, 7, 7);
            assertThat(maxAbs(p.sub(0.25))).as("every level 1/K at every pixel").isLessThan(1e-6);
        }
    }

    @Test
    void aSharedNameWithAnotherShapeIsRefused() {
        GatedPixelCnnSpec wider = new GatedPixelCnnSpec("plain-wide", "test", 7, 7, 6, 5, 3, 3, 0);
        try (PixelModel source = NetworkBuilder.build(wider, 1, 1e-3);
                PixelModel target = NetworkBuilder.build(PLAIN, 2, 1e-3)) {
            assertThatThrownBy(() -> WarmStart.copy(source, target))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not the same layer");
        }
    }

    private static double maxAbs(INDArray a) {
        return Transforms.abs(a).maxNumber().doubleValue();
    }
}
