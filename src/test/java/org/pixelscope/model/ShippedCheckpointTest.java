package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pixelscope.train.Checkpoints;
import org.pixelscope.train.Metrics;

/**
 * The shipped checkpoints under the direct-op runtimes give the probabilities the SameDiff graph
 * forms give for the same weights: the chapter PixelCNN (trained with its graph form) and the
 * Gated PixelCNN (its runtime computes the gates in batch slices and Java passes).
 */
class ShippedCheckpointTest {

    @Test
    void shippedCheckpointGivesTheGraphFormsProbabilities() throws Exception {
        PixelModel model =
                Checkpoints.load(Path.of("assets/models/pixelcnn-chapter.zip")).model();
        INDArray x = TestImages.binary(6, 28, 28, 77);
        INDArray direct = model.probabilities(x);
        INDArray graph = GraphForm.of(model.network()).outputSingle(false, x);
        assertThat(Transforms.abs(direct.sub(graph)).maxNumber().doubleValue()).isLessThan(1e-6);
        assertThat(direct.minNumber().doubleValue()).isGreaterThan(0.0);
    }

    /**
     * Grey levels left the binary models alone: the checkpoints shipped before levels
     * existed load as K = 2 and give the probabilities and NLL that the release before grey levels
     * gave on the same images (figures recorded with that release's jar). The figures belong to
     * the chapter model's 9-epoch and the gated model's 4-epoch checkpoints, kept in the test
     * resources since later epochs replaced them in assets.
     */
    @ParameterizedTest
    @CsvSource({
        "src/test/resources/checkpoints/pixelcnn-chapter-epoch9.zip, 645.982360840, 0.000119450, 0.636675298, 0.065010384, 2026.690429688",
        "src/test/resources/checkpoints/pixelcnn-gated-epoch4.zip, 739.218566895, 0.000033848, 0.742858171, 0.073446535,"
                + " 1777.266723633"
    })
    void shippedBinaryCheckpointsGiveTheProbabilitiesOfTheReleaseBeforeGreyLevels(
            String file, double sum, double p0, double p400, double p1500, double nats) throws Exception {
        PixelModel model = Checkpoints.load(Path.of(file)).model();
        assertThat(model.levels()).isEqualTo(2);
        INDArray x = TestImages.binary(2, 28, 28, 77);
        INDArray p = model.probabilities(x);
        assertThat(p.shape()).containsExactly(2, 1, 28, 28);
        assertThat(p.sumNumber().doubleValue()).isCloseTo(sum, within(1e-4));
        assertThat(p.getDouble(0L)).isCloseTo(p0, within(1e-7));
        assertThat(p.getDouble(400L)).isCloseTo(p400, within(1e-6));
        assertThat(p.getDouble(1500L)).isCloseTo(p1500, within(1e-6));
        assertThat(Metrics.totalNats(p, x)).isCloseTo(nats, within(1e-3));
    }

    @Test
    void shippedGatedCheckpointGivesTheGraphFormsProbabilities() throws Exception {
        PixelModel model =
                Checkpoints.load(Path.of("assets/models/pixelcnn-gated.zip")).model();
        INDArray x = TestImages.binary(6, 28, 28, 78);
        INDArray direct = model.probabilities(x);
        INDArray graph = GraphForm.of(model.network()).outputSingle(false, x);
        assertThat(Transforms.abs(direct.sub(graph)).maxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(direct.minNumber().doubleValue()).isGreaterThan(0.0);
    }
}
