package org.pixelscope.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.pixelscope.data.BatchLabels;
import org.pixelscope.model.PixelModel;

/**
 * A class-conditional model used as a classifier by Bayes' rule: p(y | x) ∝ p(x | y) p(y), with a
 * uniform prior p(y) = 1/C (MNIST's training digits are 9.0% to 11.2% each, so the training
 * frequencies would move a log-prior by at most 0.2 nats against likelihood gaps of many nats).
 * Each image is scored under every label, one pass of the network per label, and gets the label
 * under which it is most likely.
 *
 * <p>Thread: runs the model on the caller's thread.
 */
public final class Classification {

    private Classification() {}

    /**
     * What {@link #evaluate} measured.
     *
     * @param images        images scored
     * @param correct       images whose most likely label is their own
     * @param trueLabelNats mean -log p(x | y_true), nats per image: the conditional NLL, what training minimises
     * @param marginalNats  mean -log sum_y p(y) p(x | y), nats per image: the NLL of the images with the
     *                      label unknown, comparable with an unconditional model's
     * @param pixels        pixels per image, for bits per dimension
     */
    public record Result(long images, long correct, double trueLabelNats, double marginalNats, int pixels) {

        public double accuracy() {
            return (double) correct / images;
        }

        public double trueLabelBitsPerDim() {
            return Metrics.bitsPerDim(trueLabelNats, pixels);
        }

        public double marginalBitsPerDim() {
            return Metrics.bitsPerDim(marginalNats, pixels);
        }
    }

    /**
     * log p(x | y) in nats of each image under each label, {@code [N][classes]}.
     *
     * @throws IllegalArgumentException for a model that is not class-conditional
     */
    public static double[][] logLikelihoods(PixelModel model, INDArray images) {
        int classes = model.spec().classes();
        if (classes == 0) {
            throw new IllegalArgumentException(
                    model.spec().name() + " is not class-conditional: it has no p(x | y) to classify with");
        }
        int n = (int) images.size(0);
        double[][] ll = new double[n][classes];
        for (int y = 0; y < classes; y++) {
            double[] nats = Metrics.imageNats(model.given(y).probabilities(images), images);
            for (int i = 0; i < n; i++) {
                ll[i][y] = -nats[i];
            }
        }
        return ll;
    }

    /** The most likely label of each row of {@link #logLikelihoods} (the first on a tie). */
    public static int predicted(double[] logLikelihoods) {
        int best = 0;
        for (int y = 1; y < logLikelihoods.length; y++) {
            if (logLikelihoods[y] > logLikelihoods[best]) {
                best = y;
            }
        }
        return best;
    }

    /** log sum_y p(y) p(x | y) with the uniform prior, from one row of {@link #logLikelihoods}. */
    public static double marginal(double[] logLikelihoods) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logLikelihoods) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (double l : logLikelihoods) {
            sum += Math.exp(l - max);
        }
        return max + Math.log(sum / logLikelihoods.length);
    }

    /**
     * Accuracy and NLLs over every batch of {@code data} (reset first), whose batches carry their
     * images' labels ({@link BatchLabels}).
     */
    public static Result evaluate(PixelModel model, DataSetIterator data) {
        data.reset();
        long images = 0;
        long correct = 0;
        double trueNats = 0;
        double marginalNats = 0;
        while (data.hasNext()) {
            DataSet batch = data.next();
            int[] labels = BatchLabels.of(batch)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "classifying needs each image's label, and the data carries none"));
            double[][] ll = logLikelihoods(model, batch.getFeatures());
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] >= ll[i].length) {
                    throw new IllegalArgumentException("image " + (images + i) + " has label " + labels[i] + ", but "
                            + model.spec().name() + " knows " + ll[i].length + " classes");
                }
                correct += predicted(ll[i]) == labels[i] ? 1 : 0;
                trueNats -= ll[i][labels[i]];
                marginalNats -= marginal(ll[i]);
            }
            images += labels.length;
        }
        if (images == 0) {
            throw new IllegalArgumentException("no images to classify");
        }
        int pixels = model.spec().height() * model.spec().width();
        return new Result(images, correct, trueNats / images, marginalNats / images, pixels);
    }
}
