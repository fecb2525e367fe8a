package org.pixelscope.ui;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Where views send failures a user should see: a bad checkpoint, a broken data folder, a
 * diverged run. The app shows a dialog with the specific message; tests collect them.
 *
 * <p>Thread: FX only.
 */
@FunctionalInterface
public interface ErrorReporter {

    void report(String title, String message);

    /** Reports {@code error} with the message of its root cause, never a stack trace. */
    default void report(String title, Throwable error) {
        report(title, messageOf(error));
    }

    /** The message a user can act on: wrappers from futures are peeled off. */
    static String messageOf(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        String m = e.getMessage();
        if (e instanceof OutOfMemoryError) {
            return "PixelScope reached its memory limit (" + (m == null ? "out of memory" : m) + "). Save your work and"
                    + " restart PixelScope; the limits are the JVM options -Xmx and -Dorg.bytedeco.javacpp.maxphysicalbytes.";
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
