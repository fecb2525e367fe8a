package org.pixelscope.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pixelscope.data.Binarization;
import org.pixelscope.data.BinarizedIterator;
import org.pixelscope.data.ImageSet;
import org.pixelscope.model.DiagonalBiLstmSpec;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.RasterLstmSpec;
import org.pixelscope.model.RowLstmSpec;

/** One-epoch smoke runs and checkpoint round trips of the three PixelRNNs on tiny images. */
class PixelRnnTrainingTest {

    private static final ModelSpec[] SPECS = {
        new RasterLstmSpec("raster-tiny", "test", 6, 6, 16, 1),
        new RowLstmSpec("row-tiny", "test", 6, 6, 8, 3, 1, 3),
        new DiagonalBiLstmSpec("diagonal-tiny", "test", 6, 6, 8, 3, 1),
    };

    @Test
    void oneEpochOnTinyImagesLowersTheLoss() {
        ImageSet images = stripes(64, 6);
        for (ModelSpec spec : SPECS) {
            PixelModel model = NetworkBuilder.build(spec, 3, 1e-2);
            BinarizedIterator eval = BinarizedIterator.fixed(images, 64, Binarization.STOCHASTIC, 1);
            double before = Metrics.evaluate(model, eval).nats();
            TrainingData data = new TrainingData(
                    new BinarizedIterator(images, 8, Binarization.STOCHASTIC, 2, true),
                    images.count(),
                    eval,
                    "stripes");
            List<TrainingEvent> events = new ArrayList<>();
            TrainingEvent.Finished end = new Trainer(
                            model,
                            new TrainingConfig(1, 8, 1e-2, 2, 0),
                            data,
                            new TrainingLog(TrainingHistory.empty(2)),
                            events::add)
                    .run();
            assertThat(end.outcome()).as(end.message()).isEqualTo(TrainingEvent.Outcome.COMPLETED);
            assertThat(events)
                    .filteredOn(e -> e instanceof TrainingEvent.Iteration)
                    .hasSize(8);
            double after = Metrics.evaluate(model, eval).nats();
            assertThat(after)
                    .as("%s NLL after one epoch (before: %.2f)", spec.name(), before)
                    .isLessThan(before * 0.9);
        }
    }

    @Test
    void checkpointsRestoreIdenticalOutputs(@TempDir Path dir) throws CheckpointException {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 6, 6).gt(0.5).castTo(DataType.FLOAT);
        for (ModelSpec spec : SPECS) {
            PixelModel model = NetworkBuilder.build(spec, 4, 1e-3);
            Path file = dir.resolve(spec.name() + ".zip");
            Checkpoints.save(file, model, TrainingHistory.empty(4), true);
            PixelModel back = Checkpoints.load(file).model();
            assertThat(back.spec()).isEqualTo(spec);
            assertThat(back.probabilities(x)).isEqualTo(model.probabilities(x));
        }
    }

    /** Vertical white stripes, one column per image in turn: easy for any autoregressive model. */
    private static ImageSet stripes(int count, int size) {
        byte[] pixels = new byte[count * size * size];
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < size; r++) {
                pixels[i * size * size + r * size + i % size] = (byte) 255;
            }
        }
        return new ImageSet("stripes", count, size, size, pixels);
    }
}
