package org.pixelscope.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.pixelscope.model.GatedPixelCnnSpec;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.TestImages;

/** The per-layer split of a training step that {@code bench} reports as {@code step_ms}, and {@code rss_mb}. */
class StepProfileTest {

    /**
     * The split of a step timed by fit: every vertex and the remainder get a share, none negative,
     * and they add up to the step (each part rounded to 0.1 ms). The old split subtracted the sum of
     * vertex times taken without workspaces from the step and gave a negative remainder here.
     */
    @Test
    void theStepSplitsIntoVertexSharesAndANonNegativeRemainderThatAddUp() {
        for (var spec : new org.pixelscope.model.ModelSpec[] {
            PixelCnnSpec.chapter().withSize(8, 8),
            ModelSpecs.require("pixelcnn-residual").withSize(8, 8),
            GatedPixelCnnSpec.standard().withSize(8, 8),
            ModelSpecs.require("pixelrnn-raster-lstm").withSize(4, 4),
            ModelSpecs.require("pixelrnn-row-lstm").withSize(4, 4)
        }) {
            PixelModel model = NetworkBuilder.build(spec, 2, 1e-3);
            INDArray x = TestImages.binary(4, spec.height(), spec.width(), 3);
            DataSet batch = new DataSet(x, x);
            double[] steps = new double[5];
            for (int i = 0; i < steps.length + 1; i++) {
                long t0 = System.nanoTime();
                model.network().fit(batch);
                if (i > 0) {
                    steps[i - 1] = (System.nanoTime() - t0) / 1e6;
                }
            }
            java.util.Arrays.sort(steps);
            double step = steps[steps.length / 2];
            Map<String, Double> ms = StepProfile.measure(model.network(), batch, step, 3);

            int vertices = model.network().getVertices().length - 1; // all but the input
            assertThat(ms).as(spec.name()).hasSize(vertices + 1).containsKey(StepProfile.REST);
            for (String layer : model.network().getConfiguration().getVertices().keySet()) {
                assertThat(ms.get(layer))
                        .as(spec.name() + " " + layer)
                        .isNotNull()
                        .isGreaterThanOrEqualTo(0.0);
            }
            assertThat(ms.get(StepProfile.REST)).as(spec.name() + " remainder").isGreaterThanOrEqualTo(0.0);
            double sum = ms.values().stream().mapToDouble(Double::doubleValue).sum();
            assertThat(sum)
                    .as(spec.name() + " parts of a " + step + " ms step: " + ms)
                    .isCloseTo(step, org.assertj.core.api.Assertions.within(0.05 * ms.size() + 1e-9));
        }
    }

    @Test
    void residentMemoryIsReadOnLinux() {
        if (System.getProperty("os.name").toLowerCase().contains("linux")) {
            assertThat(ResidentMemory.megabytes()).isGreaterThan(10.0);
        } else {
            assertThat(ResidentMemory.megabytes()).isEqualTo(-1.0);
        }
    }
}
