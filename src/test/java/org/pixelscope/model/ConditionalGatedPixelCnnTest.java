package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pixelscope.data.BatchLabels;
import org.pixelscope.inspect.ReceptiveField;

/** The class-conditional Gated PixelCNN: the label moves the distribution, never the causality. */
class ConditionalGatedPixelCnnTest {

    /** Three classes on 7x7 images: small enough for a causality check under every label. */
    static final GatedPixelCnnSpec SMALL = new GatedPixelCnnSpec("cond-small", "test", 7, 7, 4, 5, 3, 3, 3);

    private static PixelModel model(long seed) {
        return TestWeights.withBiases(NetworkBuilder.build(SMALL, seed, 1e-3));
    }

    @Test
    void theLabelChangesTheDistribution() {
        PixelModel model = model(2);
        INDArray x = TestImages.binary(2, 7, 7, 5);
        INDArray[] p = new INDArray[3];
        for (int y = 0; y < 3; y++) {
            p[y] = model.given(y).probabilities(x);
        }
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                assertThat(maxAbs(p[a].sub(p[b]))).as("labels %d and %d", a, b).isGreaterThan(1e-3);
            }
        }
        // one label per image is the same as each image under its own label
        INDArray mixed = model.given(2, 0).probabilities(x);
        assertThat(maxAbs(mixed.slice(0).sub(p[2].slice(0)))).isLessThan(1e-6);
        assertThat(maxAbs(mixed.slice(1).sub(p[0].slice(1)))).isLessThan(1e-6);
    }

    @Test
    void isAutoregressiveUnderEveryLabelAndAsAMixture() {
        PixelModel model = model(5);
        for (int y = 0; y < 3; y++) {
            Causality.assertAutoregressive(model.given(y), 40 + y);
        }
        Causality.assertAutoregressive(model, 44);
    }

    /** The mixture's conditionals multiply to sum_y p(y) p(x | y): its NLL is the marginal's. */
    @Test
    void theUnlabelledModelIsTheExactMixtureOverLabels() {
        PixelModel model = model(7);
        INDArray x = TestImages.binary(3, 7, 7, 8);
        double[] mixture = logLikelihoods(model.probabilities(x), x);
        double[][] perLabel = new double[3][];
        for (int y = 0; y < 3; y++) {
            perLabel[y] = logLikelihoods(model.given(y).probabilities(x), x);
        }
        for (int i = 0; i < 3; i++) {
            double marginal =
                    Math.log((Math.exp(perLabel[0][i]) + Math.exp(perLabel[1][i]) + Math.exp(perLabel[2][i])) / 3);
            assertThat(mixture[i]).as("image %d", i).isCloseTo(marginal, within(1e-3));
        }
        assertThat(model.contextRows()).isEqualTo(7);
        assertThat(model.given(1).contextRows()).isEqualTo(SMALL.contextRows()).isLessThan(7);
    }

    @Test
    void theFieldIsTheUnconditionalOnes() {
        GatedPixelCnnSpec plain = new GatedPixelCnnSpec("plain", "test", 7, 7, 4, 5, 3, 3);
        ReceptiveField conditional = ReceptiveField.measure(model(3));
        ReceptiveField unconditional = ReceptiveField.measure(NetworkBuilder.build(plain, 3, 1e-3));
        assertThat(conditional.layers()).isEqualTo(unconditional.layers());
        for (int r = 0; r < 7; r++) {
            for (int c = 0; c < 7; c++) {
                assertThat(conditional.outputField(r, c)).isDeepEqualTo(unconditional.outputField(r, c));
            }
        }
    }

    @Test
    void directRuntimeGivesTheGraphFormsOutputsAndGradients() {
        PixelModel model = model(3).given(0, 2, 1);
        ComputationGraph direct = model.network();
        ComputationGraph graph = GraphForm.of(direct);
        INDArray x = TestImages.binary(3, 7, 7, 50);
        INDArray[] in = model.inputs(x);
        assertThat(maxAbs(direct.outputSingle(false, in).sub(graph.outputSingle(false, in))))
                .isLessThan(1e-5);
        direct.setInputs(in);
        direct.setLabels(x);
        direct.computeGradientAndScore();
        graph.setInputs(in);
        graph.setLabels(x);
        graph.computeGradientAndScore();
        assertThat(direct.score()).isCloseTo(graph.score(), within(1e-4 * graph.score()));
        INDArray g = graph.gradient().gradient();
        assertThat(maxAbs(direct.gradient().gradient().sub(g))).isLessThan(1e-4 * maxAbs(g));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        GradientChecks.assertExact(new GatedPixelCnnLayer(1 + 2, 1, 3, true, false, 2), 3);
        GradientChecks.assertExact(new GatedPixelCnnLayer(2 * 2 + 3, 2, 3, false, true, 3), 7);
    }

    /** Training reads each image's label from its batch and moves the label embeddings. */
    @Test
    void trainsOnTheBatchLabels() {
        PixelModel model = NetworkBuilder.build(SMALL, 4, 1e-2);
        INDArray x = TestImages.binary(6, 7, 7, 9);
        INDArray before = model.network()
                .getLayer("gated2")
                .getParam(GatedPixelCnnLayer.LABEL_VERTICAL)
                .dup();
        DataSet batch = BatchLabels.attach(new DataSet(x, x.dup()), new int[] {0, 1, 1, 0, 0, 1});
        for (int i = 0; i < 3; i++) {
            model.fit(batch);
        }
        INDArray after = model.network().getLayer("gated2").getParam(GatedPixelCnnLayer.LABEL_VERTICAL);
        assertThat(maxAbs(after.getRow(0).sub(before.getRow(0)))).isPositive();
        assertThat(maxAbs(after.getRow(1).sub(before.getRow(1)))).isPositive();
        assertThat(maxAbs(after.getRow(2).sub(before.getRow(2))))
                .as("no image had label 2")
                .isZero();
        assertThatThrownBy(() -> model.fit(new DataSet(x, x.dup())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("carries no labels");
    }

    @Test
    void labelsAreChecked() {
        PixelModel model = model(1);
        assertThatThrownBy(() -> model.given(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 3 is outside 0..2");
        assertThatThrownBy(() -> model.given(0, 1).probabilities(TestImages.binary(3, 7, 7, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 labels");
        PixelModel plain = NetworkBuilder.build(GatedPixelCnnSpec.standard().withSize(5, 5), 1, 1e-3);
        assertThatThrownBy(() -> plain.given(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not class-conditional");
    }

    private static double[] logLikelihoods(INDArray p, INDArray x) {
        INDArray ll = x.mul(Transforms.log(p, true)).addi(x.rsub(1).muli(Transforms.log(p.rsub(1), false)));
        return ll.sum(1, 2, 3).toDoubleVector();
    }

    private static double maxAbs(INDArray a) {
        return Transforms.abs(a).maxNumber().doubleValue();
    }
}
