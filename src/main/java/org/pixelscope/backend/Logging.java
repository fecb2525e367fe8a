package org.pixelscope.backend;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Where PixelScope's log goes: one file per user, {@code ~/.pixelscope/logs/pixelscope.log}
 * (or the path in the system property {@value #FILE_PROPERTY}), never the console.
 *
 * <p>PixelScope and DL4J log through slf4j, which slf4j-jdk14 hands to java.util.logging; this
 * class gives JUL's root logger a {@link LogFileHandler} and takes away its console handler,
 * so DL4J's start-up chatter stays out of the terminal while a failed run's stack trace is
 * kept. The user still sees only the one-line message; the file has the cause.
 *
 * <p>A file past {@link #ROTATE_BYTES} is renamed to {@code pixelscope.log.1} at start-up, so
 * the log stays small without a rotating appender. Several processes may append at once
 * (a GUI and a CLI run): each record is one append.
 *
 * <p>Thread: {@link #install()} is for start-up, any thread; safe to call more than once.
 */
public final class Logging {

    /** System property naming the log file (tests point it into the build folder). */
    public static final String FILE_PROPERTY = "pixelscope.log.file";
    /** Rotate at start-up beyond this size: ~5 MB holds thousands of runs' worth of lines. */
    static final long ROTATE_BYTES = 5L << 20;

    private Logging() {}

    /**
     * The log file: {@value #FILE_PROPERTY} if set, else {@code .pixelscope/logs/pixelscope.log}
     * in the user's home. The GUI's "Open log" shows this file.
     */
    public static Path file() {
        String configured = System.getProperty(FILE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".pixelscope", "logs", "pixelscope.log");
    }

    /**
     * Sends all logging to {@link #file()}. Returns false (and leaves logging off, so nothing
     * reaches the console either) when the folder cannot be created or the file not opened:
     * a read-only home must not stop the app.
     */
    public static synchronized boolean install() {
        LogManager manager = LogManager.getLogManager();
        Logger root = manager.getLogger("");
        for (Handler h : root.getHandlers()) {
            if (h instanceof LogFileHandler) {
                return true;
            }
        }
        quiet(manager);
        for (Handler h : root.getHandlers()) {
            if (h instanceof ConsoleHandler) {
                root.removeHandler(h);
            }
        }
        Path file = file();
        try {
            Files.createDirectories(file.getParent());
            rotate(file);
            root.addHandler(new LogFileHandler(file));
            root.setLevel(Level.INFO);
            return true;
        } catch (IOException | RuntimeException e) {
            root.setLevel(Level.OFF);
            return false;
        }
    }

    /**
     * Levels for DL4J loggers that warn about nothing a user can act on, kept by the log
     * manager for loggers created later: ImportClassMapping lists duplicate TensorFlow op
     * names at every start, and SameDiff's DifferentialFunction warns "No fields found for
     * property name padValue" each time a padded layer is built.
     */
    private static void quiet(LogManager manager) {
        String levels = "org.nd4j.imports.converters.ImportClassMapping.level = SEVERE\n"
                + "org.nd4j.autodiff.functions.DifferentialFunction.level = SEVERE\n";
        try {
            manager.updateConfiguration(
                    new ByteArrayInputStream(levels.getBytes(StandardCharsets.ISO_8859_1)),
                    key -> (old, now) -> now != null ? now : old);
        } catch (IOException e) {
            // the levels are cosmetic: the log only gets longer
        }
    }

    private static void rotate(Path file) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > ROTATE_BYTES) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
