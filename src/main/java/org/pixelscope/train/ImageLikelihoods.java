package org.pixelscope.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pixelscope.data.AtomicFiles;
import org.pixelscope.model.PixelModel;

/**
 * The NLL of each image on its own, in nats (the same clipped per-pixel cross-entropy as
 * {@link Metrics}, summed over the image's pixels), and its CSV export
 * ({@code image,label,nats,bits_per_dim}): which digits a model finds likely and which surprise it.
 *
 * <p>Thread: the caller's; the model must not be trained meanwhile.
 */
public final class ImageLikelihoods {

    public static final String HEADER = "image,label,nats,bits_per_dim";

    private ImageLikelihoods() {}

    /** One NLL per image of {@code data} (reset first), in iteration order. */
    public static double[] nats(PixelModel model, DataSetIterator data) {
        data.reset();
        java.util.List<double[]> parts = new java.util.ArrayList<>();
        int total = 0;
        while (data.hasNext()) {
            INDArray x = data.next().getFeatures();
            INDArray p = model.probabilities(x);
            INDArray pc = Transforms.min(Transforms.max(p, Metrics.EPS, true), 1 - Metrics.EPS, false);
            INDArray ll = x.mul(Transforms.log(pc, true)).addi(x.rsub(1.0).muli(Transforms.log(pc.rsub(1.0), false)));
            double[] batch = ll.sum(1, 2, 3).neg().toDoubleVector();
            parts.add(batch);
            total += batch.length;
        }
        double[] all = new double[total];
        int at = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** The CSV text; {@code labels} may be null (written as empty), else one per image. */
    public static String format(double[] nats, byte[] labels, int pixelsPerImage) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < nats.length; i++) {
            out.append(i)
                    .append(',')
                    .append(labels == null ? "" : Integer.toString(labels[i] & 0xFF))
                    .append(',')
                    .append(String.format(
                            Locale.ROOT, "%.6g,%.6g", nats[i], Metrics.bitsPerDim(nats[i], pixelsPerImage)))
                    .append('\n');
        }
        return out.toString();
    }

    /** Writes {@link #format} atomically. */
    public static void write(Path file, double[] nats, byte[] labels, int pixelsPerImage) throws IOException {
        byte[] bytes = format(nats, labels, pixelsPerImage).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
