package org.pixelscope.ui.train;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.pixelscope.train.TrainingHistory;

/**
 * The data behind the loss chart: training loss per iteration (raw and smoothed) and validation
 * NLL per epoch, all in nats per image. Primitive arrays that grow by doubling, so a run of
 * 100,000 iterations costs about three megabytes and no boxing. No JavaFX here (the chart-fx habit: data
 * sets are plain, the chart draws them).
 *
 * <p>The smoothed curve is a centred moving average, not an exponential one: an EMA lags a
 * falling loss by its memory times the slope, and over the steep first hundred steps of an
 * untrained model that put the "smoothed" line above every raw point. A centred window has no
 * lag on a trend. Its half-width is {@code n / 100} (at least 5), so a long run is smoothed about
 * as much per pixel as a short one, and it shrinks near both ends: never wider than a third of the
 * iteration number (the first steps stay sharp on a log axis) or than the points after it (the
 * last point is the raw loss, so the curve's live end never trails the data).
 *
 * <p>Thread: one thread at a time (the FX thread in the app).
 */
public final class LossSeries {

    /** Smallest half-width of the smoothing window, iterations. */
    static final int MIN_HALF_WINDOW = 5;

    private double[] iterations = new double[1024];
    private double[] nats = new double[1024];
    /** cumulative[i] = nats[0] + ... + nats[i - 1], for O(1) window sums. */
    private double[] cumulative = new double[1025];

    private int size;
    private double[] validationIterations = new double[16];
    private double[] validationNats = new double[16];
    private int[] validationEpochs = new int[16];
    private int validationSize;
    private int version;
    private double runStart;

    /** Removes everything. */
    public void clear() {
        size = 0;
        validationSize = 0;
        runStart = 0;
        version++;
    }

    /** Marks where the run now training began (the model's iterations before it); 0 for a first run. */
    public void markRunStart(double iteration) {
        runStart = iteration;
        version++;
    }

    /** The iteration the current run started after; 0 when the data hold a single run or none. */
    public double runStart() {
        return runStart;
    }

    /** Replaces the contents with {@code history}'s losses and validation points. */
    public void load(TrainingHistory history) {
        clear();
        for (TrainingHistory.LossPoint p : history.losses()) {
            add(p.iteration(), p.nats());
        }
        for (TrainingHistory.EpochPoint p : history.validation()) {
            addValidation(p.epoch(), p.iteration(), p.nats());
        }
    }

    /** Appends one iteration's training loss; iterations must not decrease. */
    public void add(double iteration, double lossNats) {
        if (size == iterations.length) {
            int n = size * 2;
            iterations = Arrays.copyOf(iterations, n);
            nats = Arrays.copyOf(nats, n);
            cumulative = Arrays.copyOf(cumulative, n + 1);
        }
        iterations[size] = iteration;
        nats[size] = lossNats;
        cumulative[size + 1] = cumulative[size] + lossNats;
        size++;
        version++;
    }

    /** Appends the validation NLL measured after {@code epoch}, at {@code iteration}. */
    public void addValidation(int epoch, double iteration, double lossNats) {
        if (validationSize == validationNats.length) {
            int n = validationSize * 2;
            validationIterations = Arrays.copyOf(validationIterations, n);
            validationNats = Arrays.copyOf(validationNats, n);
            validationEpochs = Arrays.copyOf(validationEpochs, n);
        }
        validationIterations[validationSize] = iteration;
        validationNats[validationSize] = lossNats;
        validationEpochs[validationSize] = epoch;
        validationSize++;
        version++;
    }

    /** Changes whenever the contents change, so views can keep what they computed from them. */
    public int version() {
        return version;
    }

    public int size() {
        return size;
    }

    public int validationSize() {
        return validationSize;
    }

    public double iteration(int i) {
        return iterations[i];
    }

    public double nats(int i) {
        return nats[i];
    }

    /** The smoothed loss at point {@code i}, nats (see the class comment for the window). */
    public double smoothed(int i) {
        int half = Math.min(Math.max(MIN_HALF_WINDOW, size / 100), Math.min(i / 3, size - 1 - i));
        return (cumulative[i + half + 1] - cumulative[i - half]) / (2 * half + 1);
    }

    public double validationIteration(int i) {
        return validationIterations[i];
    }

    public double validationNats(int i) {
        return validationNats[i];
    }

    public int validationEpoch(int i) {
        return validationEpochs[i];
    }

    /** The last iteration shown (training or validation), 0 when empty. */
    public double lastIteration() {
        double last = size > 0 ? iterations[size - 1] : 0;
        return validationSize > 0 ? Math.max(last, validationIterations[validationSize - 1]) : last;
    }

    /** Index of the training point whose iteration is closest to {@code iteration}; -1 when empty. */
    public int nearest(double iteration) {
        if (size == 0) {
            return -1;
        }
        int i = Arrays.binarySearch(iterations, 0, size, iteration);
        if (i >= 0) {
            return i;
        }
        int above = -i - 1;
        if (above == 0) {
            return 0;
        }
        if (above == size) {
            return size - 1;
        }
        return iteration - iterations[above - 1] <= iterations[above] - iteration ? above - 1 : above;
    }

    /**
     * The range [min, max] in nats that the y axis should show: from the lowest raw loss or
     * validation point to the highest smoothed loss or validation point. The top follows the
     * smoothed curve on purpose: single bad batches would otherwise squash everything else.
     * {@code null} when empty.
     */
    public double[] range() {
        return range(Double.NEGATIVE_INFINITY);
    }

    /**
     * {@link #range()} over the points after iteration {@code from} only: the y axis of a chart
     * that shows iterations from there on follows what it shows. {@code null} when none are.
     */
    public double[] range(double from) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            if (iterations[i] > from) {
                lo = Math.min(lo, nats[i]);
                hi = Math.max(hi, smoothed(i));
            }
        }
        for (int i = 0; i < validationSize; i++) {
            if (validationIterations[i] > from) {
                lo = Math.min(lo, validationNats[i]);
                hi = Math.max(hi, validationNats[i]);
            }
        }
        return lo <= hi ? new double[] {lo, hi} : null;
    }

    /**
     * Reduces the raw or smoothed curve to at most two points per pixel column (its minimum and
     * maximum, in the order they occur), which draws the same picture as every point would.
     *
     * @param raw     the raw losses, else the smoothed curve
     * @param toPixel maps an iteration to a horizontal pixel position (monotonic)
     * @param out     receives the reduced points: x pixel in {@code out.x}, value in nats in {@code out.y}
     * @return the number of points written
     */
    public int decimate(boolean raw, DoubleUnaryOperator toPixel, Polyline out) {
        out.clear();
        int column = Integer.MIN_VALUE;
        int minAt = -1;
        int maxAt = -1;
        double min = 0;
        double max = 0;
        for (int i = 0; i < size; i++) {
            int c = (int) Math.floor(toPixel.applyAsDouble(iterations[i]));
            double v = raw ? nats[i] : smoothed(i);
            if (c != column) {
                flush(minAt, min, maxAt, max, column, out);
                column = c;
                minAt = i;
                maxAt = i;
                min = v;
                max = v;
            } else if (v < min) {
                minAt = i;
                min = v;
            } else if (v > max) {
                maxAt = i;
                max = v;
            }
        }
        flush(minAt, min, maxAt, max, column, out);
        return out.size();
    }

    private static void flush(int minAt, double min, int maxAt, double max, int column, Polyline out) {
        if (minAt < 0) {
            return;
        }
        double x = column + 0.5;
        out.add(x, minAt <= maxAt ? min : max);
        if (minAt != maxAt) {
            out.add(x, minAt <= maxAt ? max : min);
        }
    }

    /** A reusable growing buffer of points, so a redraw allocates nothing in the steady state. */
    public static final class Polyline {
        private double[] x = new double[256];
        private double[] y = new double[256];
        private int size;

        void clear() {
            size = 0;
        }

        void add(double px, double value) {
            if (size == x.length) {
                x = Arrays.copyOf(x, size * 2);
                y = Arrays.copyOf(y, size * 2);
            }
            x[size] = px;
            y[size] = value;
            size++;
        }

        public int size() {
            return size;
        }

        public double[] x() {
            return x;
        }

        public double[] y() {
            return y;
        }
    }
}
