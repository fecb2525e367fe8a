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

/** The direct-op runtimes of the PixelRNN layers against their SameDiff graph forms. */
class PixelRnnRuntimeTest {

    @Test
    void directRuntimesGiveTheGraphFormsOutputsAndGradients() {
        ModelSpec[] specs = {
            new RowLstmSpec("row", "test", 7, 9, 6, 7, 2, 3),
            new RowLstmSpec("row5", "test", 6, 8, 5, 5, 1, 5),
            new DiagonalBiLstmSpec("diagonal", "test", 7, 9, 6, 7, 2),
            new DiagonalBiLstmSpec("tall", "test", 9, 5, 4, 3, 1)
        };
        for (ModelSpec spec : specs) {
            ComputationGraph direct = NetworkBuilder.build(spec, 7, 1e-3).network();
            ComputationGraph graph = GraphForm.of(direct);
            String layer = spec instanceof RowLstmSpec ? LayerNames.rowLstm(1) : LayerNames.biLstm(1);
            assertThat(direct.getLayer(layer).getClass().getSimpleName()).endsWith("Runtime");
            assertThat(graph.getLayer(layer)).isInstanceOf(SameDiffBackprop.class);
            int images = 4;
            // passes as three slices of a batch of five, as on a 3-core machine
            if (spec.name().equals("diagonal")) {
                ((DiagonalBiLstmRuntime) direct.getLayer(layer)).sliceInto(3);
                images = 5;
            }
            if (spec.name().equals("row")) {
                ((RowLstmRuntime) direct.getLayer(layer)).sliceInto(3);
                images = 5;
            }
            INDArray x = MaskedConv2DTest.randomBinary(images, spec.height(), spec.width(), 40);

            assertThat(maxAbs(direct.outputSingle(false, x).sub(graph.outputSingle(false, x))))
                    .as(spec.name())
                    .isLessThan(1e-6);
            direct.setInputs(x);
            direct.setLabels(x);
            direct.computeGradientAndScore();
            graph.setInputs(x);
            graph.setLabels(x);
            graph.computeGradientAndScore();
            assertThat(direct.score()).as(spec.name()).isCloseTo(graph.score(), within(1e-4 * graph.score()));
            INDArray g = graph.gradient().gradient();
            assertThat(maxAbs(direct.gradient().gradient().sub(g)))
                    .as(spec.name())
                    .isLessThan(1e-4 * maxAbs(g));
        }
    }

    /** Backprop without a training pass's kept state (here: after an inference pass) recomputes it. */
    @Test
    void backpropRecomputesWhenNoTrainingPassKeptItsState() {
        ModelSpec[] specs = {
            new RowLstmSpec("row", "test", 6, 7, 5, 7, 1, 3), new DiagonalBiLstmSpec("diagonal", "test", 6, 7, 5, 7, 1)
        };
        for (ModelSpec spec : specs) {
            PixelModel model = NetworkBuilder.build(spec, 9, 1e-3);
            model.network().initGradientsView();
            Layer layer = model.network()
                    .getLayer(spec instanceof RowLstmSpec ? LayerNames.rowLstm(1) : LayerNames.biLstm(1));
            LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
            INDArray in = Nd4j.rand(DataType.FLOAT, 3, 5, 6, 7).subi(0.5);
            INDArray eps = Nd4j.rand(DataType.FLOAT, 3, 5, 6, 7).subi(0.5);

            layer.setInput(in, mgr);
            INDArray trained = layer.activate(true, mgr).dup();
            Pair<Gradient, INDArray> kept = layer.backpropGradient(eps, mgr);
            INDArray keptW = kept.getFirst().gradient().dup();
            INDArray keptIn = kept.getSecond().dup();

            layer.setInput(in, mgr);
            assertThat(maxAbs(layer.activate(false, mgr).sub(trained))).isZero();
            Pair<Gradient, INDArray> recomputed = layer.backpropGradient(eps, mgr);
            assertThat(maxAbs(recomputed.getFirst().gradient().sub(keptW)))
                    .as(spec.name())
                    .isZero();
            assertThat(maxAbs(recomputed.getSecond().sub(keptIn)))
                    .as(spec.name())
                    .isZero();
            assertThat(maxAbs(keptW)).isPositive();
        }
    }

    private static double maxAbs(INDArray a) {
        return Transforms.abs(a).maxNumber().doubleValue();
    }
}
