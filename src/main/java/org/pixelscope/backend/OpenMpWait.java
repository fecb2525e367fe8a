package org.pixelscope.backend;

/**
 * OpenMP's wait policy for libnd4j's threads: {@code PASSIVE}, so that a thread which has finished
 * its share of a parallel op sleeps at once instead of spinning on its core, unless the user's
 * environment chose a policy.
 *
 * <p>Why: the layers that run as batch slices ({@code BatchParts}: the PixelCNNs' frame
 * convolutions, the gated layer, the PixelRNN scans) start a Java thread for the second slice right
 * after DL4J's own ops, which use both cores. With libgomp's default policy the OpenMP thread of
 * such an op keeps spinning for a while (300,000 turns, {@code GOMP_SPINCOUNT}) on the core the
 * slice needs, and the slice waits for it. Measured on a 2-core AMD EPYC, 15-step loops of
 * {@code fit} on one batch of 64 images, default against {@code PASSIVE} in the same sitting:
 * Gated PixelCNN 427 against 361 ms a step, Diagonal BiLSTM 444 against 393 ms, chapter PixelCNN
 * 302 against 299 ms, raster LSTM 832 against 804 ms, Row LSTM 491 against 507 ms; in one gated
 * step the second slice started 17-19 ms later than the first in all with the default policy and
 * 9-11 ms with {@code PASSIVE}.
 *
 * <p>How: libgomp reads {@code OMP_WAIT_POLICY} from the process environment once, when it is
 * loaded (with libnd4j, on ND4J's first use). Java cannot change its own environment, so
 * {@link #install} calls libc's {@code setenv} ({@link Libc}); {@code Main} and
 * {@code DesktopLauncher} (where {@code mvn javafx:run} starts) call it first, before any other
 * thread exists (libc's {@code setenv} is not safe beside threads reading the environment) and
 * before anything loads ND4J. A policy already in the environment is left as it is. Linux only
 * (the libgomp ND4J ships there); elsewhere nothing changes.
 *
 * <p>Thread: {@link #install} runs once, before other threads use ND4J; {@link #policy} any time.
 */
public final class OpenMpWait {

    /** The environment variable libgomp reads. */
    public static final String VARIABLE = "OMP_WAIT_POLICY";

    /** libgomp's own spin count, which overrides the policy's. */
    public static final String SPIN_COUNT = "GOMP_SPINCOUNT";

    /** The policy {@link #install} sets. */
    public static final String PASSIVE = "PASSIVE";

    private OpenMpWait() {}

    /**
     * Sets {@code OMP_WAIT_POLICY=PASSIVE} in the process environment unless it holds a policy
     * already; returns whether it set it. Must run before ND4J loads its native library.
     */
    public static boolean install() {
        Libc.Functions libc = Libc.get();
        if (libc == null) {
            return false;
        }
        try {
            if (libc.getenv(VARIABLE) != null) {
                return false; // the user's choice stands
            }
            return libc.setenv(VARIABLE, PASSIVE, 0) == 0;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * The policy in the process environment now, or {@code "default"} where there is none (or
     * it cannot be read). What libgomp took is what the environment held when it loaded.
     */
    public static String policy() {
        return environment(VARIABLE);
    }

    /**
     * {@code GOMP_SPINCOUNT} in the process environment, or {@code "default"}: when set it
     * overrides the spinning that the policy implies (0 for passive).
     */
    public static String spinCount() {
        return environment(SPIN_COUNT);
    }

    private static String environment(String name) {
        Libc.Functions libc = Libc.get();
        try {
            String v = libc == null ? System.getenv(name) : libc.getenv(name);
            return v == null ? "default" : v;
        } catch (RuntimeException | LinkageError e) {
            return "default";
        }
    }
}
