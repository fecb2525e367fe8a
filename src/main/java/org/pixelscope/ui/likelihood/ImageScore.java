package org.pixelscope.ui.likelihood;

import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pixelscope.data.GreyLevels;
import org.pixelscope.data.ImageSet;
import org.pixelscope.model.PixelModel;
import org.pixelscope.train.Metrics;

/**
 * Everything the Likelihood view shows about one image under one model: its per-pixel
 * {@link LikelihoodMap} and, for a class-conditional model, its {@link ClassPosterior}. A
 * conditional model's map is of p(x | y) for one digit y, or of the mixture over digits (the
 * image's likelihood with the label unknown), as the user chose.
 *
 * <p>Thread: {@link #of} runs the model on the caller's thread (a worker): for a conditional model
 * one pass over a batch of one copy of the image per label gives the posterior and the map under
 * a digit; the mixture's map costs another pass per label ({@code PixelModel.probabilities}).
 *
 * @param map       the per-pixel map
 * @param posterior the ten likelihoods and p(y | x); null for an unconditional model
 * @param mapDigit  the digit the map is conditioned on; -1 for the mixture or an unconditional model
 */
public record ImageScore(LikelihoodMap map, ClassPosterior posterior, int mapDigit) {

    /** Map choice: the image's own label (a test image's; a drawing, which has none, gets the mixture). */
    public static final int GIVEN_TRUE_LABEL = -2;

    /** Map choice: the mixture over labels, p(x) = sum_y p(y) p(x | y). */
    public static final int GIVEN_MIXTURE = -1;

    /**
     * Scores {@code image} under {@code model}.
     *
     * @param label the image's label, -1 when it has none (a drawing)
     * @param given which p(x | y) the map shows: a digit, {@link #GIVEN_TRUE_LABEL} or {@link #GIVEN_MIXTURE};
     *              ignored for an unconditional model
     */
    public static ImageScore of(PixelModel model, float[] image, int label, int given) {
        int classes = model.spec().classes();
        if (classes == 0) {
            return new ImageScore(LikelihoodMap.of(model, image), null, -1);
        }
        int h = model.spec().height();
        int w = model.spec().width();
        if (image.length != h * w) {
            throw new IllegalArgumentException("the image has " + image.length + " pixels, but "
                    + model.spec().name() + " reads " + h + "x" + w);
        }
        int[] labels = IntStream.range(0, classes).toArray();
        double[] logLikelihoods;
        LikelihoodMap labelled = null;
        int digit = mapDigit(classes, label, given);
        // one pass over a batch of C copies of the image, copy y under label y: two to three times
        // faster than C passes of one image, and the same numbers as Classification's passes
        try (INDArray one = Nd4j.create(image.clone(), new long[] {1, 1, h, w}, 'c');
                INDArray copies = Nd4j.tile(one, classes, 1, 1, 1);
                INDArray out = model.given(labels).probabilities(copies)) {
            logLikelihoods = Metrics.imageNats(out, copies);
            if (digit >= 0) {
                labelled = LikelihoodMap.fromOutput(h, w, image, out, copies, digit);
            }
        }
        for (int y = 0; y < classes; y++) {
            logLikelihoods[y] = -logLikelihoods[y];
        }
        LikelihoodMap map = labelled != null ? labelled : LikelihoodMap.of(model, image);
        return new ImageScore(map, ClassPosterior.of(logLikelihoods), digit);
    }

    /** The digit a map of an image with {@code label} is conditioned on under the choice {@code given}; -1 for none. */
    static int mapDigit(int classes, int label, int given) {
        if (classes == 0) {
            return -1;
        }
        int digit = given == GIVEN_TRUE_LABEL ? label : given;
        return digit >= 0 && digit < classes ? digit : -1;
    }

    /**
     * Test image {@code index} as {@code eval} scores it, as network inputs: the fixed test
     * binarisation, or the quantisation into the model's K grey levels.
     */
    static float[] testImage(ImageSet test, int index, int height, int width, int levels) {
        if (test.rows() != height || test.cols() != width) {
            throw new IllegalArgumentException("the test images are " + test.rows() + "x" + test.cols()
                    + " but the model reads " + height + "x" + width);
        }
        if (index < 0 || index >= test.count()) {
            throw new IllegalArgumentException("test image must be 0.." + (test.count() - 1) + ", got " + index);
        }
        return new GreyLevels(levels).evaluationInputs(test, index);
    }
}
