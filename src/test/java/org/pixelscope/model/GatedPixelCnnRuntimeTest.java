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

    /**
     * Batch slices ({@link BatchParts}) give the whole batch's outputs and gradients: three slices of
     * four images (one, one and two), the second and third slices' weight gradients summed into the
     * first's, for the unconditional and the conditional network.
     */
    @Test
    void batchSlicesGiveTheGraphFormsOutputsAndGradients() {
        for (GatedPixelCnnSpec spec :
                new GatedPixelCnnSpec[] {GatedPixelCnnSpec.standard(), GatedPixelCnnSpec.conditional()}) {
            PixelModel built = TestWeights.withBiases(NetworkBuilder.build(spec.withSize(7, 6), 5, 1e-3));
            PixelModel model = spec.classes() > 0 ? built.given(3, 0, 9, 3) : built;
            ComputationGraph direct = model.network();
            ComputationGraph graph = GraphForm.of(direct);
            for (int i = 1; i <= spec.layers(); i++) {
                ((GatedPixelCnnRuntime) direct.getLayer(LayerNames.gated(i))).sliceInto(3);
            }
            INDArray x = MaskedConv2DTest.randomBinary(4, 7, 6, 52);
            INDArray[] in = model.inputs(x);
            assertThat(maxAbs(direct.outputSingle(false, in).sub(graph.outputSingle(false, in))))
                    .as(spec.name())
                    .isLessThan(1e-5);
            direct.setInputs(in);
            direct.setLabels(x);
            direct.computeGradientAndScore();
            graph.setInputs(in);
            graph.setLabels(x);
            graph.computeGradientAndScore();
            INDArray g = graph.gradient().gradient();
            assertThat(maxAbs(direct.gradient().gradient().sub(g)))
                    .as(spec.name())
                    .isLessThan(1e-4 * maxAbs(g));
        }
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
