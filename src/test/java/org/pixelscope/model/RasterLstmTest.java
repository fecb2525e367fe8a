package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class RasterLstmTest {

    private static final RasterLstmSpec SMALL = new RasterLstmSpec("raster-small", "test", 6, 7, 8, 2);

    @Test
    void isAutoregressive() {
        Causality.assertAutoregressive(NetworkBuilder.build(SMALL, 5, 1e-3), 21);
    }

    @Test
    void stepperGivesTheImageNetworksProbabilities() {
        PixelModel model = NetworkBuilder.build(SMALL, 6, 1e-3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 6, 7).gt(0.5).castTo(DataType.FLOAT);
        INDArray p = model.probabilities(x).reshape(3, 42);
        INDArray flat = x.reshape(3, 42);
        RasterLstmStepper stepper = new RasterLstmStepper(model);
        INDArray first = stepper.begin(flat.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 10)));
        assertThat(first.shape()).containsExactly(3);
        assertClose(first, p.getColumn(10));
        for (int k = 11; k < 42; k++) {
            assertClose(stepper.next(flat.getColumn(k - 1).dup()), p.getColumn(k));
        }
        assertClose(stepper.begin(Nd4j.zeros(DataType.FLOAT, 3, 0)), p.getColumn(0));
    }

    private static void assertClose(INDArray a, INDArray b) {
        assertThat(a.reshape(a.length()).sub(b.reshape(b.length())).amaxNumber().doubleValue()).isLessThan(1e-6);
    }
}
