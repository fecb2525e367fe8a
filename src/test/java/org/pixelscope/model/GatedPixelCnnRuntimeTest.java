package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The direct-op runtime of {@link GatedPixelCnnLayer} against the layer's SameDiff graph form. */
class GatedPixelCnnRuntimeTest {

    @Test
    void directRuntimeGivesTheGraphFormsOutputsAndGradients() {
        PixelModel model = TestWeights.withBiases(
                NetworkBuilder.build(GatedPixelCnnSpec.standard().withSize(9, 8), 3, 1e-3));
        ComputationGraph direct = model.network();
        ComputationGraph graph = GraphForm.of(direct);
        assertThat(direct.getLayer(LayerNames.gated(2)).getClass().getSimpleName())
                .isEqualTo("GatedPixelCnnRuntime");
        assertThat(graph.getLayer(LayerNames.gated(2))).isInstanceOf(SameDiffBackprop.class);
        INDArray x = MaskedConv2DTest.randomBinary(3, 9, 8, 50);

        assertThat(maxAbs(direct.outputSingle(false, x).sub(graph.outputSingle(false, x))))
                .isLessThan(1e-5);
        direct.setInputs(x);
        direct.setLabels(x);
        direct.computeGradientAndScore();
        graph.setInputs(x);
        graph.setLabels(x);
        graph.computeGradientAndScore();
        assertThat(direct.score()).isCloseTo(graph.score(), within(1e-4 * graph.score()));
        INDArray g = graph.gradient().gradient();
        assertThat(maxAbs(direct.gradient().gradient().sub(g))).isLessThan(1e-4 * maxAbs(g));
    }

    /** A few optimizer steps in the network's own fit (workspaces on) give the graph form's weights. */
    @Test
    void trainingStepsMatchTheGraphForm() {
        PixelModel model = NetworkBuilder.build(GatedPixelCnnSpec.standard().withSize(8, 8), 4, 1e-3);
        ComputationGraph direct = model.network();
        ComputationGraph graph = GraphForm.of(direct);
        INDArray x = MaskedConv2DTest.randomBinary(4, 8, 8, 51);
        for (int i = 0; i < 3; i++) {
            direct.fit(new DataSet(x, x));
            graph.fit(new DataSet(x, x));
        }
        assertThat(maxAbs(direct.params().sub(graph.params()))).isLessThan(1e-4);
        assertThat(direct.score()).isCloseTo(graph.score(), within(1e-3 * graph.score()));
    }

    private static double maxAbs(INDArray a) {
        return Transforms.abs(a).maxNumber().doubleValue();
    }
}
