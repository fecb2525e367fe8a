package org.pixelscope.ui.likelihood;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.pixelscope.model.LevelOutput;
import org.pixelscope.model.PixelModel;
import org.pixelscope.train.Metrics;

/**
 * Where a model is surprised by one binary image: for every pixel {@code i} in raster order,
 * p(x_i = 1 | x_&lt;i) and the pixel's share of the image's negative log-likelihood,
 * {@code -log p(x_i | x_<i)} in nats. The shares sum to the image's NLL. For a model with K grey
 * levels the image holds network inputs {@code l / (K - 1)} and {@code p} is the probability of each
 * pixel's own level, p(x_i = l_i | x_&lt;i), under the categorical.
 *
 * <p>One forward pass gives every conditional at once (teacher forcing: the network reads the
 * real image, and its masks keep output {@code i} from seeing pixels {@code i} and later), so a
 * map costs what one training image costs, not the 784 passes of sampling. Probabilities are
 * clipped to {@code [EPS, 1 - EPS]} as {@link Metrics} and {@code ImageLikelihoods} clip them, so
 * the total is the figure {@code eval} and the likelihood CSV report for the image.
 *
 * <p>Thread: {@link #of} runs on the caller's thread (a worker) and reads the model; the record
 * is immutable by convention (its arrays are never written after construction) and safe to share.
 *
 * @param height rows of the image
 * @param width  columns of the image
 * @param pixels the image, 0/1 per pixel in raster order
 * @param p      p(x_i = 1 | x_&lt;i) per pixel, raster order
 * @param nats   -log p(x_i | x_&lt;i) per pixel, raster order
 * @param total  the sum of {@code nats}: the image's NLL in nats
 * @param levels grey levels K of the model (2: binary)
 */
public record LikelihoodMap(int height, int width, float[] pixels, float[] p, double[] nats, double total, int levels) {

    /** A binary model's map. */
    public LikelihoodMap(int height, int width, float[] pixels, float[] p, double[] nats, double total) {
        this(height, width, pixels, p, nats, total, 2);
    }

    public LikelihoodMap {
        int n = height * width;
        if (height < 1 || width < 1 || pixels.length != n || p.length != n || nats.length != n) {
            throw new IllegalArgumentException("a " + height + "x" + width + " map needs " + n + " values per array");
        }
    }

    /**
     * Runs {@code model} once on {@code image} ({@code H * W} values 0/1 in raster order, the
     * model's size) and returns its map.
     */
    public static LikelihoodMap of(PixelModel model, float[] image) {
        Objects.requireNonNull(image, "image");
        int h = model.spec().height();
        int w = model.spec().width();
        if (image.length != h * w) {
            throw new IllegalArgumentException("the image has " + image.length + " pixels, but "
                    + model.spec().name() + " reads " + h + "x" + w);
        }
        try (INDArray x = Nd4j.create(image.clone(), new long[] {1, 1, h, w}, 'c');
                INDArray out = model.probabilities(x)) {
            return fromOutput(h, w, image, out, x, 0);
        }
    }

    /**
     * The map of image {@code index} of a batch: {@code out} the model's output for the batch
     * {@code [N, C, H, W]}, {@code x} its inputs {@code [N, 1, H, W]} (every image {@code image}).
     */
    static LikelihoodMap fromOutput(int h, int w, float[] image, INDArray out, INDArray x, int index) {
        if (out.size(1) == 1) {
            float[] p = out.get(NDArrayIndex.point(index))
                    .dup('c')
                    .reshape((long) h * w)
                    .toFloatVector();
            return fromProbabilities(h, w, image, p);
        }
        int levels = LevelOutput.levelsOf(out);
        double[] ll = LevelOutput.logLikelihoods(
                out.get(NDArrayIndex.interval(index, index + 1)), x.get(NDArrayIndex.interval(index, index + 1)));
        float[] p = new float[h * w];
        double[] nats = new double[h * w];
        double total = 0;
        for (int i = 0; i < nats.length; i++) {
            nats[i] = -ll[i];
            p[i] = (float) Math.exp(ll[i]);
            total += nats[i];
        }
        return new LikelihoodMap(h, w, image.clone(), p, nats, total, levels);
    }

    /** The level of pixel {@code k} (0/1 for a binary model). */
    public int level(int k) {
        return Math.max(0, Math.min(levels - 1, Math.round(pixels[k] * (levels - 1))));
    }

    /** The map of {@code image} given the model's p(x_i = 1 | x_&lt;i) per pixel (raster order, kept). */
    static LikelihoodMap fromProbabilities(int h, int w, float[] image, float[] p) {
        double[] nats = new double[h * w];
        double total = 0;
        for (int i = 0; i < nats.length; i++) {
            double pi = Math.min(Math.max(p[i], Metrics.EPS), 1 - Metrics.EPS);
            nats[i] = -Math.log(image[i] > 0.5f ? pi : 1 - pi);
            total += nats[i];
        }
        return new LikelihoodMap(h, w, image.clone(), p, nats, total);
    }

    /** The NLL in bits per dimension: nats / (H * W * ln 2). */
    public double bitsPerDim() {
        return Metrics.bitsPerDim(total, pixels.length);
    }

    /** Pixels per image. */
    public int size() {
        return pixels.length;
    }
}
