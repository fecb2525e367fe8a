package org.pixelscope.train;

import java.util.Arrays;

/**
 * Tells from the training loss alone when a run has diverged. NaN is not enough: the
 * cross-entropy clips probabilities, so a wrecked network still scores a finite (huge) loss
 * ({@code train --lr 1000} on a 179-nat model ran at ~1,286 nats and was saved).
 *
 * <p>The reference is the median of the run's last {@value #WINDOW} normal losses; the run's
 * first loss, measured on the weights it started from, is always normal. A step is
 * <em>abnormal</em> when its loss is at least {@value #MARGIN_PER_PIXEL} nats per pixel above
 * the reference (so a near-perfect model's tiny losses cannot trip it) and either
 * <ul>
 *   <li>more than {@value #FACTOR} times the reference, or</li>
 *   <li>worse than a coin flip on every pixel ({@code pixels * ln 2} nats) and more than
 *       {@value #RISE} times the reference: learning that goes backwards from an untrained
 *       start (Adam at rate 1 takes a fresh model from ~750 to ~1,100 nats and keeps it there).</li>
 * </ul>
 * Abnormal steps in a row for at least {@value #PATIENCE} steps and {@value #PATIENCE_IMAGES}
 * images (so small batches, whose losses vary more, need more of them), or one non-finite
 * loss, mean the run has diverged. Abnormal losses stay out of the reference, so a diverging
 * run cannot drag its own yardstick up.
 *
 * <p>Healthy training never comes near this: batch losses stay within a few tens of percent
 * of their recent median, and an untrained model's loss falls from the first steps on.
 *
 * <p>Thread: the trainer's only.
 */
final class DivergenceGuard {

    /** Normal losses the median is taken over: about a second of training. */
    static final int WINDOW = 50;
    /** How far above the median a loss counts as abnormal. */
    static final double FACTOR = 3;
    /** How far above the median a loss worse than chance counts as abnormal. */
    static final double RISE = 1.2;
    /** Abnormal steps in a row that mean divergence (a single bad batch is not)... */
    static final int PATIENCE = 10;
    /** ...covering at least this many images. */
    static final int PATIENCE_IMAGES = 320;
    /** Also required above the median: 0.05 nats per pixel, 39 nats on 28x28 MNIST. */
    static final double MARGIN_PER_PIXEL = 0.05;

    /** What one step's loss says. */
    enum Verdict {
        NORMAL,
        ABNORMAL,
        DIVERGED
    }

    private final double margin;
    private final double chance;
    private final int patience;
    private final double[] recent = new double[WINDOW];
    private int size;
    private int next;
    private int streak;
    private double lastMedian = Double.NaN;

    /**
     * @param pixels    pixels per image (the loss is nats per image)
     * @param batchSize images per step
     */
    DivergenceGuard(int pixels, int batchSize) {
        this.margin = MARGIN_PER_PIXEL * pixels;
        this.chance = pixels * Math.log(2);
        this.patience = Math.max(PATIENCE, (PATIENCE_IMAGES + batchSize - 1) / batchSize);
    }

    Verdict observe(double loss) {
        if (!Double.isFinite(loss)) {
            return Verdict.DIVERGED;
        }
        if (size > 0) {
            double median = median();
            boolean far = loss > FACTOR * median;
            boolean backwards = loss > chance && loss > RISE * median;
            if (loss > median + margin && (far || backwards)) {
                lastMedian = median;
                streak++;
                return streak >= patience ? Verdict.DIVERGED : Verdict.ABNORMAL;
            }
        }
        streak = 0;
        add(loss);
        return Verdict.NORMAL;
    }

    /** Abnormal steps in a row that end the run. */
    int patience() {
        return patience;
    }

    /** Abnormal steps in a row so far. */
    int streak() {
        return streak;
    }

    /** The reference the last abnormal step was compared with, nats per image. */
    double lastMedian() {
        return lastMedian;
    }

    private void add(double loss) {
        recent[next] = loss;
        next = (next + 1) % WINDOW;
        size = Math.min(size + 1, WINDOW);
    }

    private double median() {
        double[] sorted = Arrays.copyOf(recent, size);
        Arrays.sort(sorted);
        return size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2;
    }
}
