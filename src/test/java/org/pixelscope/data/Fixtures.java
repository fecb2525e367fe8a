package org.pixelscope.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Small synthetic data for the data tests. */
final class Fixtures {

    private Fixtures() {}

    /** {@code count} images of uniformly random intensities, reproducible from {@code seed}. */
    static ImageSet randomImages(String name, int count, int rows, int cols, long seed) {
        byte[] pixels = new byte[count * rows * cols];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) rng.nextInt(256);
        }
        return new ImageSet(name, count, rows, cols, pixels);
    }

    static byte[] labels(int count) {
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 10);
        }
        return labels;
    }

    /** Writes the four MNIST files into {@code dir} with the given counts of 28x28 images. */
    static void writeMnist(Path dir, int train, int trainLabels, int test, boolean gzip) throws IOException {
        String ext = gzip ? ".gz" : "";
        IdxFiles.writeImages(dir.resolve(MnistData.TRAIN_IMAGES + ext), randomImages("train", train, 28, 28, 1), gzip);
        IdxFiles.writeLabels(dir.resolve(MnistData.TRAIN_LABELS + ext), labels(trainLabels), gzip);
        IdxFiles.writeImages(dir.resolve(MnistData.TEST_IMAGES + ext), randomImages("test", test, 28, 28, 2), gzip);
        IdxFiles.writeLabels(dir.resolve(MnistData.TEST_LABELS + ext), labels(test), gzip);
    }
}
