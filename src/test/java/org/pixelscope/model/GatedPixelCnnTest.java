package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pixelscope.inspect.ReceptiveField;

class GatedPixelCnnTest {

    static final GatedPixelCnnSpec SMALL = new GatedPixelCnnSpec("gated-small", "test", 9, 9, 4, 7, 3, 3);

    @Test
    void isAutoregressive() {
        Causality.assertAutoregressive(TestWeights.withBiases(NetworkBuilder.build(SMALL, 5, 1e-3)), 43);
    }

    @Test
    void seesTheUpperRightThatTheMaskedStackMisses() {
        // same kernels and depth: a 7x7 first layer then two 3x3 layers
        PixelCnnSpec masked = new PixelCnnSpec("masked-small", "test", 9, 9, 4, 7, 2, 3, false);
        ReceptiveField gated = ReceptiveField.measure(NetworkBuilder.build(SMALL, 5, 1e-3));
        ReceptiveField stacked = ReceptiveField.measure(NetworkBuilder.build(masked, 5, 1e-3));
        int row = 8;
        int col = 3;
        boolean[][] g = gated.outputField(row, col);
        boolean[][] s = stacked.outputField(row, col);
        for (int r = 0; r < 9; r++) {
            for (int c = 0; c < 9; c++) {
                assertThat(!s[r][c] || g[r][c])
                        .as("what the masked stack sees at (%d, %d), the gated one sees", r, c)
                        .isTrue();
            }
        }
        // the two rows above, right of the pixel to the edge: the stack misses their far right, its blind spot
        int missedByStack = 0;
        for (int r = row - 2; r < row; r++) {
            for (int c = col + 1; c < 9; c++) {
                assertThat(g[r][c]).as("gated sees (%d, %d)", r, c).isTrue();
                missedByStack += s[r][c] ? 0 : 1;
            }
        }
        assertThat(missedByStack)
                .as("of those, pixels the masked stack cannot see")
                .isPositive();
        assertThat(gated.blindSpotSize(row, col)).isLessThan(stacked.blindSpotSize(row, col));
        // its own row up to the pixel, nothing beyond the vertical stack's reach
        for (int c = 0; c < 9; c++) {
            assertThat(g[row][c]).as("own row, column %d", c).isEqualTo(c < col);
        }
        int reach = SMALL.contextRows();
        assertThat(reach).isEqualTo(3 + 1 + 2);
        assertThat(g[row - reach]).as("the top row it reaches").contains(true);
        assertThat(g[row - reach - 1]).as("beyond its reach").containsOnly(false);
    }

    @Test
    void configurationRoundTripsThroughJsonWithIdenticalOutputs() {
        PixelModel model = NetworkBuilder.build(SMALL.withSize(5, 6), 8, 1e-3);
        ComputationGraphConfiguration conf = model.network().getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);
        ComputationGraph copy = new ComputationGraph(back);
        copy.init(model.network().params().dup(), true);
        INDArray x = TestImages.binary(3, 5, 6, 2);
        assertThat(new PixelModel(model.spec(), copy).probabilities(x)).isEqualTo(model.probabilities(x));
    }

    @Test
    void theFirstLayersBlockedRowAndColumnStayZeroThroughTraining() {
        PixelModel model = NetworkBuilder.build(SMALL, 3, 1e-2);
        INDArray x = TestImages.binary(8, 9, 9, 4);
        for (int i = 0; i < 5; i++) {
            model.fit(new org.nd4j.linalg.dataset.DataSet(x, x));
        }
        GatedPixelCnnLayer first = (GatedPixelCnnLayer) ((org.deeplearning4j.nn.conf.graph.LayerVertex)
                        model.network().getConfiguration().getVertices().get("gated1"))
                .getLayerConf()
                .getLayer();
        INDArray wV = model.network().getLayer("gated1").getParam(GatedPixelCnnLayer.VERTICAL);
        INDArray wH = model.network().getLayer("gated1").getParam(GatedPixelCnnLayer.HORIZONTAL);
        assertThat(wV.mul(first.verticalMask().rsub(1)).amaxNumber().doubleValue())
                .isZero();
        assertThat(wH.mul(first.horizontalMask().rsub(1)).amaxNumber().doubleValue())
                .isZero();
        assertThat(wV.mul(first.verticalMask()).amaxNumber().doubleValue())
                .as("the other taps train")
                .isPositive();
        assertThat(first.maskedWeights()).isEqualTo((long) (first.verticalMask().length()
                - first.verticalMask().sumNumber().longValue()
                + first.horizontalMask().length()
                - first.horizontalMask().sumNumber().longValue()));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        GradientChecks.assertExact(new GatedPixelCnnLayer(2, 2, 3, true, false));
        GradientChecks.assertExact(new GatedPixelCnnLayer(2, 1, 3, false, true));
    }
}
