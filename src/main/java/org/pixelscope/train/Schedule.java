package org.pixelscope.train;

import java.util.Locale;

/**
 * How the learning rate moves over a run's epochs, and when a run stops early.
 *
 * <p>{@link Kind#COSINE} (Loshchilov and Hutter 2017, without restarts) starts each run at the
 * base rate and lowers it epoch by epoch along half a cosine towards {@code minRate}: epoch
 * {@code e} of {@code n} (1-based) trains at {@code min + (base - min) (1 + cos(pi (e - 1) / n)) / 2}.
 * The curve belongs to the run, so a resumed run starts a new one from its own base rate.
 *
 * <p>Early stopping: with {@code patience > 0} a run ends once its validation NLL has not
 * improved on the run's best by at least {@value #MIN_IMPROVEMENT_NATS} nats for
 * {@code patience} epochs in a row; {@code train --out} has already kept the best epoch.
 *
 * @param kind     constant or cosine
 * @param minRate  the cosine's floor (ignored for constant)
 * @param patience epochs without improvement before stopping; 0 never stops early
 */
public record Schedule(Kind kind, double minRate, int patience) {

    /** Smaller changes count as no improvement: evaluation is exact, so this is about 0.001%. */
    public static final double MIN_IMPROVEMENT_NATS = 0.001;

    /** The learning-rate curves. */
    public enum Kind {
        CONSTANT,
        COSINE
    }

    public Schedule {
        if (kind == null) {
            throw new IllegalArgumentException("schedule kind missing");
        }
        if (!(minRate >= 0) || Double.isInfinite(minRate)) {
            throw new IllegalArgumentException("minimum learning rate must be 0 or positive, got " + minRate);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be 0 (off) or positive, got " + patience);
        }
    }

    /** The base rate throughout, never stopping early: what a run without options does. */
    public static Schedule constant() {
        return new Schedule(Kind.CONSTANT, 0, 0);
    }

    /** The learning rate of epoch {@code epoch} (1-based) of a run of {@code epochs} at base rate {@code base}. */
    public double rate(double base, int epoch, int epochs) {
        if (kind == Kind.CONSTANT || epochs <= 1) {
            return base;
        }
        double floor = Math.min(minRate, base);
        return floor + (base - floor) * (1 + Math.cos(Math.PI * (epoch - 1) / epochs)) / 2;
    }

    /** A line for the run's header, e.g. {@code cosine to 1e-05, early stop after 3 epochs}. */
    public String describe() {
        String s = kind == Kind.CONSTANT ? "constant" : String.format(Locale.ROOT, "cosine to %g", minRate);
        return patience > 0 ? s + ", early stop after " + patience + " epoch(s) without improvement" : s;
    }
}
