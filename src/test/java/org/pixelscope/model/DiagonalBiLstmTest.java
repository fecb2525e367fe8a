package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

class DiagonalBiLstmTest {

    static final DiagonalBiLstmSpec SMALL = new DiagonalBiLstmSpec("diag-small", "test", 8, 8, 4, 7, 2);

    @Test
    void isAutoregressive() {
        Causality.assertAutoregressive(NetworkBuilder.build(SMALL, 7, 1e-3), 41);
    }

    @Test
    void withoutTheDownShiftTheReverseDirectionLeaksTheFuture() {
        ComputationGraphConfiguration conf = NetworkBuilder.build(SMALL, 7, 1e-3)
                .network()
                .getConfiguration()
                .clone();
        for (String name : new String[] {"bilstm1", "bilstm2"}) {
            ((DiagonalBiLstm) ((LayerVertex) conf.getVertices().get(name))
                            .getLayerConf()
                            .getLayer())
                    .setShiftReverse(false);
        }
        ComputationGraph leaky = new ComputationGraph(conf);
        leaky.init();
        assertThatThrownBy(() -> Causality.assertAutoregressive(new PixelModel(SMALL, leaky), 41))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("is not autoregressive");
    }
}
