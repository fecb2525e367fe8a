package org.pixelscope.ui.masks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pixelscope.inspect.MaskGrid;
import org.pixelscope.model.MaskType;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Hovering a learned-kernel cell names the number behind its colour, or why it has none. */
@ExtendWith(ApplicationExtension.class)
class KernelHoverTest {

    @Test
    void aCellShowsItsWeightAndABlockedCellItsMask() throws Exception {
        double[][] v = {{0.5, -0.25, 0.125}, {1.0, 2.0, -3.0}, {0, 0, 0}};
        KernelWeights k = new KernelWeights("conv1_B", 0, 4, 8, false, v);
        MaskGrid mask = MaskGrid.of("conv1_B", 3, 3, MaskType.B);
        String[] texts = WaitForAsyncUtils.asyncFx(() -> {
                    KernelHeatMap map = new KernelHeatMap(90);
                    map.show(k, mask);
                    return new String[] {
                        map.describeAt(5, 5), map.describeAt(45, 45), map.describeAt(75, 45), map.describeAt(45, 200)
                    };
                })
                .get(10, TimeUnit.SECONDS);
        assertThat(texts[0])
                .contains("tap (0, 0)")
                .contains("1 row above, 1 column left")
                .contains("+0.50000");
        assertThat(texts[0]).contains("4 input channels");
        assertThat(texts[1]).contains("the centre").contains("+2.00000");
        assertThat(texts[2])
                .contains("1 column right")
                .contains("blocked by mask B")
                .doesNotContain("weight -3");
        assertThat(texts[3]).contains("Colour scale").contains("3.0000");
    }
}
