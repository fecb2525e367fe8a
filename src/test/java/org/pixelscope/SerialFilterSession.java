package org.pixelscope;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.pixelscope.backend.NoDeserialization;

/**
 * Runs the whole test suite under the app's process-wide filter ({@link NoDeserialization}), as
 * {@code Main} and the app run: a DL4J, ND4J or JavaFX path that needs Java deserialisation
 * (cloning, training, SameDiff layers, sampling, the GUI) would fail its tests here. Registered
 * in {@code META-INF/services}.
 */
public final class SerialFilterSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!NoDeserialization.install()) {
            throw new IllegalStateException(
                    "another process-wide serialisation filter is set; the tests expect the app's");
        }
    }
}
