package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pixelscope.train.Checkpoints;

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
