package org.pixelscope.backend;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;

/**
 * SameDiff prints {@code Added differentiated op ...} to standard output for every op of every
 * SameDiff layer the first time a network trains; the line is debug noise with no logger to
 * turn it off. This stream drops exactly those lines and passes everything else through.
 */
public final class QuietStdout extends PrintStream {

    private static final String NOISE = "Added differentiated op";

    private QuietStdout(PrintStream target) {
        super(target, true);
    }

    /** Replaces {@code System.out}; call once at start-up, before any network is built. */
    public static void install() {
        if (!(System.out instanceof QuietStdout)) {
            System.setOut(new QuietStdout(new PrintStream(new FileOutputStream(FileDescriptor.out), true)));
        }
    }

    @Override
    public void println(String line) {
        if (line == null || !line.startsWith(NOISE)) {
            super.println(line);
        }
    }
}
