package org.pixelscope.train;

import java.util.Arrays;
import java.util.List;

/**
 * Tells from the training loss alone when a run has diverged. NaN is not enough: the
 * cross-entropy clips probabilities, so a wrecked network still scores a finite (huge) loss
 * ({@code train --lr 1000} on a 179-nat model ran at ~1,286 nats and was saved).
 *
 * <p>A step is <em>abnormal</em> when its loss exceeds {@value #FACTOR} times the median of the
 * last {@value #WINDOW} normal losses and also that median plus {@value #MARGIN_PER_PIXEL} nats
 * per pixel (so a near-perfect model's tiny losses do not trip it). {@value #PATIENCE} abnormal
 * steps in a row, or one non-finite loss, mean the run has diverged. Abnormal losses stay out
 * of the median, so a diverging run cannot drag its own reference up. The reference starts
 * from the history's last losses, so a resumed run is judged against where the model was.
 *
 * <p>Real training never comes near this: batch losses of a healthy run stay within about
 * ±30% of their recent median, and an untrained model starts near {@code pixels * ln 2}.
 *
 * <p>Thread: the trainer's only.
 */
final class DivergenceGuard {

    /** Normal losses the median is taken over: about a second of training. */
    static final int WINDOW = 50;
    /** How far above the median a loss counts as abnormal. */
    static final double FACTOR = 3;
    /** Abnormal steps in a row that mean divergence (a single bad batch is not). */
    static final int PATIENCE = 10;
    /** Also required above the median: 0.05 nats per pixel, 39 nats on 28x28 MNIST. */
    static final double MARGIN_PER_PIXEL = 0.05;

    /** What one step's loss says. */
    enum Verdict { NORMAL, ABNORMAL, DIVERGED }

    private final double margin;
    private final double[] recent = new double[WINDOW];
    private int size;
    private int next;
    private int streak;
    private double lastMedian = Double.NaN;

    /**
     * @param pixels        pixels per image (the loss is nats per image)
     * @param earlierLosses the history's losses, oldest first; the last {@value #WINDOW} finite
     *                      ones seed the reference
     */
    DivergenceGuard(int pixels, List<TrainingHistory.LossPoint> earlierLosses) {
        this.margin = MARGIN_PER_PIXEL * pixels;
        int from = Math.max(0, earlierLosses.size() - WINDOW);
        for (TrainingHistory.LossPoint p : earlierLosses.subList(from, earlierLosses.size())) {
            if (Double.isFinite(p.nats())) {
                add(p.nats());
            }
        }
    }

    Verdict observe(double loss) {
        if (!Double.isFinite(loss)) {
            return Verdict.DIVERGED;
        }
        if (size > 0) {
            double median = median();
            if (loss > FACTOR * median && loss > median + margin) {
                lastMedian = median;
                streak++;
                return streak >= PATIENCE ? Verdict.DIVERGED : Verdict.ABNORMAL;
            }
        }
        streak = 0;
        add(loss);
        return Verdict.NORMAL;
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
