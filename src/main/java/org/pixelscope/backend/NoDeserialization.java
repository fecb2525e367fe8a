package org.pixelscope.backend;

import java.io.ObjectInputFilter;

/**
 * The second wall behind the checkpoint loader: a JVM-wide {@link ObjectInputFilter} that
 * refuses every class, so no {@code ObjectInputStream} anywhere in the process (our code, DL4J,
 * ND4J, JavaFX) can build an object from bytes. PixelScope itself never reads Java-serialised
 * data, and neither do the DL4J and ND4J paths it uses (building, cloning, training, saving and
 * loading networks, SameDiff layers): the whole test suite runs green under this filter. Only
 * DL4J's {@code ModelSerializer}, which PixelScope no longer calls, reads such data (the
 * {@code preprocessor.bin} of a model zip).
 *
 * <p>A refused read fails with {@link java.io.InvalidClassException} ("filter status: REJECTED").
 * The JDK allows one process-wide filter: when one is already set (by
 * {@code -Djdk.serialFilter=...} or an embedding application), it is kept.
 *
 * <p>Thread: {@link #install()} from {@code main} or the JavaFX launcher thread, before any
 * file is opened.
 */
public final class NoDeserialization {

    /** Refuses every class, array and reference: a stream with any object in it fails. */
    public static final ObjectInputFilter REJECT_ALL = info -> ObjectInputFilter.Status.REJECTED;

    private NoDeserialization() {}

    /**
     * Installs {@link #REJECT_ALL} as the process-wide filter unless a filter is already set.
     *
     * @return true when {@link #REJECT_ALL} is the process-wide filter after the call
     */
    public static boolean install() {
        synchronized (ObjectInputFilter.Config.class) {
            ObjectInputFilter current = ObjectInputFilter.Config.getSerialFilter();
            if (current == null) {
                ObjectInputFilter.Config.setSerialFilter(REJECT_ALL);
                return true;
            }
            return current == REJECT_ALL;
        }
    }
}
