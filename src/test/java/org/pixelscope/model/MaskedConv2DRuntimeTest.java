package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The direct-op runtime of {@link MaskedConv2D} against the layer's SameDiff graph form. */
class MaskedConv2DRuntimeTest {

    @Test
    void directRuntimeGivesTheGraphFormsOutputsAndGradients() {
        for (String name : new String[] {"pixelcnn-chapter", "pixelcnn-residual"}) {
            ComputationGraph direct = NetworkBuilder.build(
                            ModelSpecs.require(name).withSize(9, 9), 7, 1e-3)
                    .network();
            ComputationGraph graph = GraphForm.of(direct);
            assertThat(direct.getLayer("conv1_B").getClass().getSimpleName()).isEqualTo("MaskedConv2DRuntime");
            assertThat(graph.getLayer("conv1_B")).isInstanceOf(SameDiffBackprop.class);
            INDArray x = MaskedConv2DTest.randomBinary(4, 9, 9, 40);

            assertSameOutputsAndGradients(direct, graph, x, name);
            assertThat(direct.score()).as(name).isCloseTo(graph.score(), within(1e-3 * graph.score()));
        }
    }

    /**
     * The same with every batch split into three slices run side by side (the tests' one OpenMP
     * thread would otherwise leave one), so slices' rows and summed weight gradients are checked,
     * on a batch large enough for inference to run on frames too
     * ({@link MaskedConv2DRuntime#FRAMED_INFERENCE_FROM}).
     */
    @Test
    void slicedBatchesGiveTheGraphFormsOutputsAndGradients() {
        ComputationGraph direct = NetworkBuilder.build(
                        ModelSpecs.require("pixelcnn-chapter").withSize(9, 9), 11, 1e-3)
                .network();
        ComputationGraph graph = GraphForm.of(direct);
        for (Layer l : direct.getLayers()) {
            if (l instanceof MaskedConv2DRuntime r) {
                r.sliceInto(3);
            }
        }
        INDArray x = MaskedConv2DTest.randomBinary(MaskedConv2DRuntime.FRAMED_INFERENCE_FROM + 2, 9, 9, 42);
        assertSameOutputsAndGradients(direct, graph, x, "sliced");
    }

    /**
     * The two networks' outputs for {@code x} agree within 1e-5 (float32 sums in another order:
     * frame products against conv2d), and their gradients within 1e-5 of the largest; leaves both
     * networks' scores computed.
     */
    private static void assertSameOutputsAndGradients(
            ComputationGraph direct, ComputationGraph graph, INDArray x, String name) {
        assertThat(maxAbs(direct.outputSingle(false, x).sub(graph.outputSingle(false, x))))
                .as(name)
                .isLessThan(1e-5);
        direct.setInputs(x);
        direct.setLabels(x);
        direct.computeGradientAndScore();
        graph.setInputs(x);
        graph.setLabels(x);
        graph.computeGradientAndScore();
        INDArray g = graph.gradient().gradient();
        assertThat(maxAbs(direct.gradient().gradient().sub(g))).as(name).isLessThan(1e-5 * maxAbs(g));
    }

    /** The forward pass multiplies by the mask itself: a non-zero stored value in a masked tap changes nothing. */
    @Test
    void forwardIgnoresStoredValuesInMaskedTaps() {
        PixelModel model = NetworkBuilder.build(PixelCnnSpec.chapter().withSize(8, 8), 8, 1e-3);
        INDArray x = MaskedConv2DTest.randomBinary(2, 8, 8, 41);
        INDArray before = model.probabilities(x).dup();
        INDArray w = model.network().getLayer("conv0_A").getParam(MaskedConv2D.WEIGHT);
        w.putScalar(new long[] {3, 3, 0, 5}, 7.0); // the centre tap of mask A
        w.putScalar(new long[] {6, 0, 0, 9}, -3.0); // a row below the centre
        assertThat(maxAbs(model.probabilities(x).sub(before))).isZero();
    }

    /**
     * Backprop without the training pass's kept pre-activation (here: after an inference pass)
     * recomputes it and gives the same gradients.
     */
    @Test
    void backpropRecomputesWhenNoTrainingPassKeptItsPreActivation() {
        PixelModel model = NetworkBuilder.build(PixelCnnSpec.chapter().withSize(8, 8), 9, 1e-3);
        model.network().initGradientsView();
        Layer layer = model.network().getLayer("conv2_B");
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray in = Nd4j.rand(DataType.FLOAT, 3, 64, 8, 8);
        INDArray eps = Nd4j.rand(DataType.FLOAT, 3, 64, 8, 8).subi(0.5);

        layer.setInput(in, mgr);
        layer.activate(true, mgr);
        Pair<Gradient, INDArray> kept = layer.backpropGradient(eps, mgr);
        INDArray keptW = kept.getFirst().getGradientFor(MaskedConv2D.WEIGHT).dup();
        INDArray keptIn = kept.getSecond().dup();

        layer.setInput(in, mgr);
        layer.activate(false, mgr);
        Pair<Gradient, INDArray> recomputed = layer.backpropGradient(eps, mgr);
        assertThat(maxAbs(recomputed
                        .getFirst()
                        .getGradientFor(MaskedConv2D.WEIGHT)
                        .sub(keptW)))
                .isZero();
        assertThat(maxAbs(recomputed.getSecond().sub(keptIn))).isZero();
        assertThat(maxAbs(keptW)).isPositive();
    }

    private static double maxAbs(INDArray a) {
        return Transforms.abs(a).maxNumber().doubleValue();
    }
}
