package org.pixelscope.ui.likelihood;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pixelscope.model.PixelModel;
import org.pixelscope.train.Classification;

/**
 * What a class-conditional model says about one image under each of its labels: log p(x | y) in
 * nats for every digit y, and by Bayes' rule with a uniform prior p(y) = 1/C the posterior
 * p(y | x) = p(x | y) / sum_y' p(x | y'). The numbers are {@link Classification}'s, the ones
 * {@code eval --classify} scores with, so the app and the CLI agree on every image.
 *
 * <p>Thread: {@link #of} runs the model on the caller's thread (a worker, one pass per label); the
 * record is immutable by convention (its arrays are never written after construction).
 *
 * @param logLikelihoods log p(x | y) in nats, one per label
 * @param posterior      p(y | x) under the uniform prior, one per label; sums to 1
 */
public record ClassPosterior(double[] logLikelihoods, double[] posterior) {

    public ClassPosterior {
        if (logLikelihoods.length < 2 || posterior.length != logLikelihoods.length) {
            throw new IllegalArgumentException("a posterior needs one value per label, and at least two labels");
        }
    }

    /**
     * Scores {@code image} ({@code H * W} values 0/1 in raster order, the model's size) under every
     * label of the conditional {@code model}.
     *
     * @throws IllegalArgumentException for a model that is not class-conditional
     */
    public static ClassPosterior of(PixelModel model, float[] image) {
        int h = model.spec().height();
        int w = model.spec().width();
        if (image.length != h * w) {
            throw new IllegalArgumentException("the image has " + image.length + " pixels, but "
                    + model.spec().name() + " reads " + h + "x" + w);
        }
        double[] ll;
        try (INDArray x = Nd4j.create(image.clone(), new long[] {1, 1, h, w}, 'c')) {
            ll = Classification.logLikelihoods(model, x)[0];
        }
        // log sum_y p(x | y): the marginal under the uniform prior plus log C
        double norm = Classification.marginal(ll) + Math.log(ll.length);
        double[] posterior = new double[ll.length];
        for (int y = 0; y < ll.length; y++) {
            posterior[y] = Math.exp(ll[y] - norm);
        }
        return new ClassPosterior(ll, posterior);
    }

    /** Labels scored. */
    public int classes() {
        return logLikelihoods.length;
    }

    /** -log p(x | y) in nats: the image's NLL had the model been told it is a {@code y}. */
    public double nats(int y) {
        return -logLikelihoods[y];
    }

    /** The most probable label (the first on a tie), what {@code eval --classify} predicts. */
    public int predicted() {
        return Classification.predicted(logLikelihoods);
    }

    /** -log sum_y p(y) p(x | y) in nats: the image's NLL with the label unknown (the mixture's). */
    public double marginalNats() {
        return -Classification.marginal(logLikelihoods);
    }
}
