package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What the layers say about their masks: the one source the summary, the masks view and the samplers read. */
class MaskedLayerTest {

    static Stream<ModelSpec> registered() {
        return ModelSpecs.all().stream().map(s -> s.withSize(8, 8));
    }

    /** Each family's masked kernels, layer by layer: the answer that used to be spread over four classes. */
    @Test
    void eachFamilyNamesItsMaskedKernels() {
        assertThat(kernels("pixelcnn-chapter"))
                .containsExactly(
                        "conv0_A.W A", "conv1_B.W B", "conv2_B.W B", "conv3_B.W B", "conv4_B.W B", "conv5_B.W B");
        assertThat(kernels("pixelcnn-gated")).containsExactly("gated1.Wv -", "gated1.Wh -");
        assertThat(kernels("pixelrnn-row-lstm"))
                .containsExactly("conv0_A.W A", "rowlstm1.Wis B", "rowlstm2.Wis B", "out1_B.W B", "out2_B.W B");
        assertThat(kernels("pixelrnn-diagonal-bilstm")).containsExactly("conv0_A.W A", "out1_B.W B", "out2_B.W B");
        assertThat(kernels("pixelrnn-raster-lstm")).isEmpty();
    }

    /** A mask has its parameter's shape, blocks as many weights as it says, and the stored weights there are 0. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("registered")
    void masksMatchTheirParametersAndTheirCounts(ModelSpec spec) {
        ComputationGraph net = NetworkBuilder.build(spec, 3, 1e-3).network();
        for (Map.Entry<String, MaskedLayer> e : MaskedLayer.of(net).entrySet()) {
            for (MaskedKernel k : e.getValue().maskedKernels()) {
                String what = e.getKey() + "." + k.parameter();
                INDArray w = net.getLayer(e.getKey()).getParam(k.parameter());
                INDArray mask = e.getValue().mask(k.parameter());
                assertThat(mask.shape()).as(what).isEqualTo(w.shape());
                assertThat(new long[] {k.kernelH(), k.kernelW()}).as(what).containsExactly(w.size(0), w.size(1));
                assertThat(mask.length() - mask.sumNumber().longValue())
                        .as(what)
                        .isEqualTo(k.blockedWeights());
                assertThat(w.mul(mask.rsub(1)).amaxNumber().doubleValue())
                        .as(what)
                        .isZero();
            }
        }
    }

    @Test
    void aParameterWithoutAMaskIsRefused() {
        ComputationGraph net = NetworkBuilder.build(
                        ModelSpecs.require("pixelrnn-row-lstm").withSize(6, 6), 3, 1e-3)
                .network();
        MaskedLayer row = MaskedLayer.of(net, "rowlstm1").orElseThrow();
        assertThatThrownBy(() -> row.mask(RowLstm.STATE_TO_STATE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RowLstm.STATE_TO_STATE);
        assertThat(MaskedLayer.of(net, "res1")).isEmpty();
        assertThat(MaskedLayer.of(net, "no-such-layer")).isEmpty();
    }

    private static List<String> kernels(String name) {
        ComputationGraph net = NetworkBuilder.build(ModelSpecs.require(name).withSize(8, 8), 3, 1e-3)
                .network();
        List<String> out = new ArrayList<>();
        MaskedLayer.of(net)
                .forEach((layer, m) -> m.maskedKernels()
                        .forEach(k -> out.add(layer + "." + k.parameter() + " " + (k.raster() ? k.type() : "-"))));
        return out;
    }
}
