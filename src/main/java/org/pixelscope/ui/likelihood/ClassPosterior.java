package org.pixelscope.ui.likelihood;

import org.pixelscope.train.Classification;

/**
 * What a class-conditional model says about one image under each of its labels: log p(x | y) in
 * nats for every digit y, and by Bayes' rule with a uniform prior p(y) = 1/C the posterior
 * p(y | x) = p(x | y) / sum_y' p(x | y'), as {@code eval --classify} ({@link Classification})
 * decides. {@link ImageScore} computes the likelihoods.
 *
 * <p>Thread: any; the record is immutable by convention (its arrays are never written after
 * construction).
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

    /** Bayes' rule with a uniform prior on log p(x | y) per label (the array is kept). */
    static ClassPosterior of(double[] logLikelihoods) {
        // log sum_y p(x | y): the marginal under the uniform prior plus log C
        double norm = Classification.marginal(logLikelihoods) + Math.log(logLikelihoods.length);
        double[] posterior = new double[logLikelihoods.length];
        for (int y = 0; y < logLikelihoods.length; y++) {
            posterior[y] = Math.exp(logLikelihoods[y] - norm);
        }
        return new ClassPosterior(logLikelihoods, posterior);
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
