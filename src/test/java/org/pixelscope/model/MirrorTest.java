package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Mirror}, which replaces libnd4j's leaking reverse op in the Diagonal BiLSTM. */
class MirrorTest {

    @Test
    void reversesTheLastAxisOfFloatAndDoubleArrays() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = Nd4j.rand(type, 3, 2, 4, 5);
            INDArray out = Nd4j.create(type, 3, 2, 4, 5);
            Mirror.lastAxis(x, out);
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 2; b++) {
                    for (int r = 0; r < 4; r++) {
                        for (int c = 0; c < 5; c++) {
                            assertThat(out.getDouble(a, b, r, c))
                                    .as(type + " at " + c)
                                    .isEqualTo(x.getDouble(a, b, r, 4 - c));
                        }
                    }
                }
            }
        }
    }

    @Test
    void mirroringTwiceGivesTheInputBack() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 7);
        INDArray once = Nd4j.create(DataType.FLOAT, 2, 7);
        INDArray twice = Nd4j.create(DataType.FLOAT, 2, 7);
        Mirror.lastAxis(x, once);
        Mirror.lastAxis(once, twice);
        assertThat(once).isNotEqualTo(x);
        assertThat(twice).isEqualTo(x);
    }

    @Test
    void refusesViewsOtherShapesAndWritingOverItsInput() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 6);
        assertThatThrownBy(() -> Mirror.lastAxis(
                        x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3)), Nd4j.create(DataType.FLOAT, 2, 6)))
                .hasMessageContaining("whole c-ordered");
        assertThatThrownBy(() -> Mirror.lastAxis(x, Nd4j.create(DataType.FLOAT, 6, 4)))
                .hasMessageContaining("one shape");
        assertThatThrownBy(() -> Mirror.lastAxis(x, Nd4j.create(DataType.DOUBLE, 4, 6)))
                .hasMessageContaining("one shape and type");
        assertThatThrownBy(() -> Mirror.lastAxis(x, x)).hasMessageContaining("over its input");
    }
}
