package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What the three PixelRNNs share beyond causality: registry, JSON, gradients of the SameDiff layers. */
class PixelRnnTest {

    private static final List<String> NAMES =
            List.of("pixelrnn-raster-lstm", "pixelrnn-row-lstm", "pixelrnn-diagonal-bilstm");

    @Test
    void registeredFor28x28WithUnboundedContext() {
        for (String name : NAMES) {
            ModelSpec spec = ModelSpecs.require(name);
            assertThat(spec.height()).isEqualTo(28);
            assertThat(spec.contextRows()).as(name).isEqualTo(28);
            assertThat(spec.description()).isNotBlank();
        }
        assertThat(ModelSpecs.require("pixelrnn-raster-lstm")).isInstanceOf(RasterLstmSpec.class);
        assertThat(((RasterLstmSpec) ModelSpecs.require("pixelrnn-raster-lstm")).hidden())
                .isEqualTo(128);
        assertThat(ModelSpecs.require("pixelrnn-row-lstm")).isInstanceOf(RowLstmSpec.class);
        assertThat(ModelSpecs.require("pixelrnn-diagonal-bilstm")).isInstanceOf(DiagonalBiLstmSpec.class);
    }

    @Test
    void specsRoundTripThroughJson() {
        for (String name : NAMES) {
            ModelSpec spec = ModelSpecs.require(name).withSize(9, 7);
            String json = ModelSpecs.toJson(spec);
            assertThat(json).contains("\"kind\"");
            assertThat(ModelSpecs.fromJson(json)).isEqualTo(spec);
        }
        assertThat(ModelSpecs.toJson(ModelSpecs.require("pixelrnn-row-lstm"))).contains("\"row-lstm\"");
    }

    @Test
    void networkConfigurationsRoundTripThroughJsonWithIdenticalOutputs() {
        ModelSpec[] specs = {
            new RasterLstmSpec("r", "t", 5, 6, 6, 2),
            RowLstmTest.SMALL.withSize(5, 6),
            DiagonalBiLstmTest.SMALL.withSize(5, 6)
        };
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 5, 6).gt(0.5).castTo(DataType.FLOAT);
        for (ModelSpec spec : specs) {
            PixelModel model = NetworkBuilder.build(spec, 8, 1e-3);
            ComputationGraphConfiguration conf = model.network().getConfiguration();
            ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
            assertThat(back).as(spec.name()).isEqualTo(conf);
            ComputationGraph copy = new ComputationGraph(back);
            copy.init(model.network().params().dup(), true);
            assertThat(new PixelModel(spec, copy).probabilities(x)).isEqualTo(model.probabilities(x));
        }
    }

    @Test
    void rowLstmGradientsMatchFiniteDifferences() {
        GradientChecks.assertExact(new RowLstm(2, 2, 3));
    }

    @Test
    void diagonalBiLstmGradientsMatchFiniteDifferences() {
        GradientChecks.assertExact(new DiagonalBiLstm(2, 2));
    }
}
