package org.pixelscope.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how often unsaved training is written, so a crash or a killed process loses at most
 * a few minutes: one checkpoint file, {@code autosave.zip}, in a per-user folder
 * ({@code ~/.pixelscope/autosave} unless the system property {@code pixelscope.autosave.dir}
 * names another; tests pass their own). The session writes it while a run trains and when a run
 * ends unsaved, deletes it once the work is saved or discarded, and the app offers to restore a
 * file it finds at start-up.
 *
 * <p>Thread: any (immutable; file operations are quick).
 */
public record Autosave(Path dir, Duration interval) {

    /** Often enough that a crash costs little, rarely enough that the pause to copy is unnoticed. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(3);

    public Autosave {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("autosave interval must not be negative, got " + interval);
        }
    }

    /** Autosaves into {@code dir} at the default interval (tests use a temporary folder). */
    public static Autosave in(Path dir) {
        return new Autosave(dir, DEFAULT_INTERVAL);
    }

    /** The user's folder, or the one {@code -Dpixelscope.autosave.dir} names. */
    public static Autosave user() {
        String dir = System.getProperty("pixelscope.autosave.dir");
        Path p = dir != null && !dir.isBlank()
                ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".pixelscope", "autosave");
        return new Autosave(p, DEFAULT_INTERVAL);
    }

    /** The checkpoint file written. */
    public Path file() {
        return dir.resolve("autosave.zip");
    }

    /** The autosaved checkpoint left by an earlier run, if any. */
    public Optional<Path> found() {
        return Files.isRegularFile(file()) ? Optional.of(file()) : Optional.empty();
    }

    /** Creates the folder; a clear message if it cannot be. */
    void prepare() throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException(
                    "cannot create the autosave folder " + dir + " (" + e.getMessage()
                            + "); set -Dpixelscope.autosave.dir to a writable folder",
                    e);
        }
    }

    /** Forgets the autosaved work (it was saved or discarded). */
    void delete() {
        try {
            Files.deleteIfExists(file());
        } catch (IOException e) {
            // a stale autosave is offered again at the next start, where the user can discard it
        }
    }
}
