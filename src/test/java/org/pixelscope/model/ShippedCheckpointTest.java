package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pixelscope.train.Checkpoints;

/**
 * The shipped chapter checkpoint under the direct-op masked convolution gives the probabilities
 * the SameDiff graph form (the implementation it was trained with) gives for the same weights.
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
}
