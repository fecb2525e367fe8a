package org.pixelscope.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pixelscope.model.LevelOutput;
import org.pixelscope.model.PixelModel;

/**
 * Negative log-likelihood of images under a model: per image in nats (the sum of the per-pixel
 * cross-entropies, binary or over K grey levels) and per pixel in bits ({@code nats / (pixels *
 * ln 2)}), the units the PixelRNN paper reports (81.30 nats for PixelCNN on binarised MNIST).
 * Bits per dimension compare between models only under the same discretisation: K = 2 binarised
 * pixels and K = 16 grey levels are different data, so every report names K beside them.
 *
 * <p>The output {@code p} says which case applies: {@code [N, 1, H, W]} holds p(x = 1) of binary
 * pixels, {@code [N, K, H, W]} the categorical over K levels ({@link LevelOutput}).
 */
public final class Metrics {

    /** Probabilities are kept inside [EPS, 1-EPS] so a saturated sigmoid costs a finite loss. */
    public static final double EPS = LevelOutput.EPS;

    private Metrics() {}

    /** NLL of {@code images} images averaged per image. */
    public record Nll(double nats, double bitsPerDim, long images) {}

    public static double bitsPerDim(double natsPerImage, int pixelsPerImage) {
        return natsPerImage / (pixelsPerImage * Math.log(2));
    }

    /** Sum over the batch of each image's NLL in nats; {@code p} is {@code [N, C, H, W]}, {@code x} {@code [N, 1, H, W]}. */
    public static double totalNats(INDArray p, INDArray x) {
        if (p.size(1) != 1) {
            double sum = 0;
            for (double l : LevelOutput.logLikelihoods(p, x)) {
                sum -= l;
            }
            return sum;
        }
        INDArray pc = Transforms.min(Transforms.max(p, EPS, true), 1 - EPS, false);
        INDArray logP = Transforms.log(pc, true);
        INDArray log1mP = Transforms.log(pc.rsub(1.0), false);
        INDArray ll = x.mul(logP).addi(x.rsub(1.0).muli(log1mP));
        return -ll.sumNumber().doubleValue();
    }

    /** Each image's NLL in nats, {@code [N]}; {@code p} is {@code [N, C, H, W]}, {@code x} {@code [N, 1, H, W]}. */
    public static double[] imageNats(INDArray p, INDArray x) {
        if (p.size(1) != 1) {
            int n = (int) x.size(0);
            int pixels = (int) (x.length() / n);
            double[] ll = LevelOutput.logLikelihoods(p, x);
            double[] nats = new double[n];
            for (int j = 0; j < ll.length; j++) {
                nats[j / pixels] -= ll[j];
            }
            return nats;
        }
        INDArray pc = Transforms.min(Transforms.max(p, EPS, true), 1 - EPS, false);
        INDArray ll = x.mul(Transforms.log(pc, true)).addi(x.rsub(1.0).muli(Transforms.log(pc.rsub(1.0), false)));
        return ll.sum(1, 2, 3).neg().toDoubleVector();
    }

    /**
     * Mean NLL of the model over every batch of {@code data} (reset first); a class-conditional
     * model's under each image's own label, -log p(x | y), what it trains on.
     */
    public static Nll evaluate(PixelModel model, DataSetIterator data) {
        data.reset();
        double nats = 0;
        long images = 0;
        while (data.hasNext()) {
            DataSet batch = data.next();
            INDArray x = batch.getFeatures();
            nats += totalNats(model.probabilities(batch), x);
            images += x.size(0);
        }
        if (images == 0) {
            throw new IllegalArgumentException("no images to evaluate");
        }
        int pixels = model.spec().height() * model.spec().width();
        double perImage = nats / images;
        return new Nll(perImage, bitsPerDim(perImage, pixels), images);
    }
}
