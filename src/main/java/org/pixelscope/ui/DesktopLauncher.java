package org.pixelscope.ui;

import java.io.PrintStream;
import java.util.Optional;
import javafx.application.Application;
import org.pixelscope.backend.OpenMpWait;

/**
 * Starts the desktop app, and when the windowing toolkit cannot start turns JavaFX's stack trace
 * into one line that says what is missing and how to get it, with a non-zero exit status. On
 * Linux JavaFX 21 needs GTK 3 ({@code libgtk-3-0}); without it, or without a display, JavaFX
 * throws from deep inside its start-up.
 *
 * <p>Thread: the launching thread (main); returns when the app exits.
 */
public final class DesktopLauncher {

    /** Exit status when the toolkit cannot start (as for a missing dependency). */
    public static final int TOOLKIT_MISSING = 3;

    private DesktopLauncher() {}

    /**
     * {@code mvn javafx:run} starts here. A plain class, not the {@code Application} subclass:
     * the Java launcher starts an {@code Application} subclass through JavaFX's own launcher,
     * bypassing its {@code main}, so the toolkit's failure could not be caught.
     */
    public static void main(String[] args) {
        // before any other thread exists (setenv is not safe beside threads reading the
        // environment) and before ND4J loads; Main does the same for java -jar
        OpenMpWait.install();
        launch(args);
    }

    /** Launches {@link PixelScopeApp}; exits with {@link #TOOLKIT_MISSING} and one line on stderr if the toolkit cannot start. */
    public static void launch(String[] args) {
        try {
            Application.launch(PixelScopeApp.class, args);
        } catch (RuntimeException | Error e) {
            Optional<String> line = explain(e);
            if (line.isEmpty()) {
                throw e;
            }
            PrintStream err = System.err;
            err.println(line.get());
            System.exit(TOOLKIT_MISSING);
        }
    }

    /** The one-line explanation of a toolkit start-up failure, or empty when {@code e} is something else. */
    static Optional<String> explain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("glass GTK library") || m.contains("libgtk")) {
                return Optional.of("PixelScope cannot open its window: GTK 3 is missing. Install it with"
                        + " \"sudo apt-get install libgtk-3-0\" (Debian/Ubuntu; \"sudo dnf install gtk3\" on Fedora),"
                        + " or use the command line: java -jar target/pixelscope.jar --help");
            }
            if (m.contains("Unable to open DISPLAY") || m.contains("cannot open display")) {
                return Optional.of(
                        "PixelScope cannot open its window: no display (DISPLAY is not set or not reachable)."
                                + " Run it from a desktop session, or use the command line: java -jar target/pixelscope.jar --help");
            }
            if (t instanceof UnsatisfiedLinkError || m.contains("no suitable pipeline")) {
                return Optional.of("PixelScope cannot start JavaFX's graphics (" + m + "). Install your system's"
                        + " GTK 3 and OpenGL libraries (Debian/Ubuntu: \"sudo apt-get install libgtk-3-0 libgl1\").");
            }
        }
        return Optional.empty();
    }
}
