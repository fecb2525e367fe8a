package org.pixelscope.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.pixelscope.model.GatedPixelCnnSpec;

/** {@code bench} on a class-conditional model: timed under one label, with its cached sampler. */
class ConditionalBenchTest {

    @Test
    void benchesAConditionalModel() {
        GatedPixelCnnSpec spec = new GatedPixelCnnSpec("cond-bench", "test", 8, 8, 4, 3, 2, 3, 10);
        Map<String, Object> r = Benchmark.run(spec, new Benchmark.Settings(4, 1, 1, 2, 2));
        assertThat(r.get("fast_sampler")).isEqualTo("cached");
        assertThat((Double) r.get("train_images_per_s")).isPositive();
        @SuppressWarnings("unchecked")
        Map<String, Double> step = (Map<String, Double>) r.get("step_ms");
        assertThat(step).containsKeys("gated1_in", "gated1", "gated2", "out2");
        // the next model benched on this thread starts without this one's working memory
        assertThat(Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread())
                .isEmpty();
    }
}
