package org.pixelscope.ui.masks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pixelscope.inspect.MaskGrid;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.RowLstm;
import org.pixelscope.model.RowLstmSpec;

class KernelWeightsTest {

    @Test
    void everyMaskedLayerOfARowLstmHasAReadableKernel() {
        PixelModel model = NetworkBuilder.build(new RowLstmSpec("row-small", "test", 6, 6, 4, 3, 2, 3), 1, 1e-3);
        for (MaskGrid grid : MaskGrid.of(model)) {
            KernelWeights k = KernelWeights.read(model, grid.layer(), 0);
            assertThat(k.values()).as(grid.layer()).hasNumberOfRows(grid.kernelH());
            assertThat(k.values()[0]).as(grid.layer()).hasSize(grid.kernelW());
        }
    }

    @Test
    void rowLstmKernelSumsTheInputToStateWeightsOfOneGate() {
        PixelModel model = NetworkBuilder.build(new RowLstmSpec("row-small", "test", 6, 6, 4, 3, 1, 3), 1, 1e-3);
        KernelWeights k = KernelWeights.read(model, "rowlstm1", 5);
        INDArray w = model.network().getLayer("rowlstm1").getParam(RowLstm.INPUT_TO_STATE);
        assertThat(k.gates()).isTrue();
        assertThat(k.outChannels()).isEqualTo(16);
        assertThat(k.channelName()).isEqualTo("gate channel 5 (f, unit 1)");
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += w.getDouble(0, 0, i, 5);
        }
        assertThat(k.values()[0][0]).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(k.values()[0][2]).isZero();
    }
}
