package org.pixelscope.sample;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.RasterLstmSpec;
import org.pixelscope.model.RowLstmSpec;
import org.pixelscope.model.TestImages;
import org.pixelscope.model.TestWeights;

class RasterLstmStepperTest {

    private static final RasterLstmSpec SMALL = new RasterLstmSpec("raster-small", "test", 6, 7, 8, 2);
    private static final PixelModel MODEL = TestWeights.withBiases(NetworkBuilder.build(SMALL, 6, 1e-3));

    @Test
    void everyPixelMatchesTheWholeNetwork() {
        EveryPixel.assertMatchesWholeNetwork(MODEL, new RasterLstmStepper(MODEL), 3);
    }

    @Test
    void startingAfterGivenPixelsAndStartingOverMatchTheWholeNetwork() {
        int[] positions = IntStream.concat(IntStream.rangeClosed(10, 41), IntStream.of(0, 1, 30, 30))
                .toArray();
        EveryPixel.assertMatchesWholeNetwork(MODEL, new RasterLstmStepper(MODEL), 4, 3, positions);
    }

    @Test
    void rejectsOtherModelsAndPositionsOutsideTheImage() {
        PixelModel row = NetworkBuilder.build(new RowLstmSpec("row-small", "test", 4, 4, 4, 3, 1, 3), 1, 1e-3);
        assertThatThrownBy(() -> new RasterLstmStepper(row))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a raster LSTM");
        assertThatThrownBy(() -> new RasterLstmStepper(MODEL).next(TestImages.binary(1, 6, 7, 1), 42))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside");
    }
}
