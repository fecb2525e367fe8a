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

    @Test
    void everyVertexOfTheNetworkGetsATimeAndTheRestIsTheRemainder() {
        for (var spec : new org.pixelscope.model.ModelSpec[] {
            PixelCnnSpec.chapter().withSize(8, 8),
            ModelSpecs.require("pixelcnn-residual").withSize(8, 8),
            GatedPixelCnnSpec.standard().withSize(8, 8),
            ModelSpecs.require("pixelrnn-raster-lstm").withSize(4, 4),
            ModelSpecs.require("pixelrnn-row-lstm").withSize(4, 4)
        }) {
            PixelModel model = NetworkBuilder.build(spec, 2, 1e-3);
            INDArray x = TestImages.binary(4, spec.height(), spec.width(), 3);
            Map<String, Double> ms = StepProfile.measure(model.network(), new DataSet(x, x), 1000.0, 2);

            int vertices = model.network().getVertices().length - 1; // all but the input
            assertThat(ms).as(spec.name()).hasSize(vertices + 1).containsKey(StepProfile.REST);
            for (String layer : model.network().getConfiguration().getVertices().keySet()) {
                assertThat(ms.get(layer))
                        .as(spec.name() + " " + layer)
                        .isNotNull()
                        .isGreaterThanOrEqualTo(0.0);
            }
            double sum = ms.entrySet().stream()
                    .filter(e -> !e.getKey().equals(StepProfile.REST))
                    .mapToDouble(Map.Entry::getValue)
                    .sum();
            assertThat(sum + ms.get(StepProfile.REST))
                    .as(spec.name())
                    .isCloseTo(1000.0, org.assertj.core.api.Assertions.within(1.0));
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
