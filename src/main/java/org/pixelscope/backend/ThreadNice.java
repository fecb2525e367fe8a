package org.pixelscope.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux scheduler's nice value of the calling thread: the app's compute threads run at a
 * lower priority than the JavaFX threads, so the windows stay smooth while a model trains and
 * samples on every core.
 *
 * <p>Why: on a 2-core machine, training (two OpenMP threads), sampling and the FX threads all want
 * a core, and at equal priority the FX thread waits its turn among five compute threads. With the
 * compute threads lowered, the Sample view's animation read 55-61 frames/s while the Row LSTM
 * trained and a new generation replayed (three runs), against 52-61 at equal priority in the same
 * sitting (two runs) and 37-58 on a busier machine the day before. A higher nice value gives a
 * thread a smaller share only while others want the core, so the compute threads still take all
 * the time the UI leaves.
 *
 * <p>How: Linux keeps a nice value per thread and a new thread inherits its creator's, so the
 * OpenMP threads libnd4j starts from a lowered thread are lowered too. The value is read from
 * {@code /proc/thread-self/stat} and set with libc's {@code setpriority} ({@link Libc}). Raising a
 * priority again needs privileges an ordinary user lacks, so threads are only ever lowered. On
 * other systems, or where anything here fails, the calls change nothing and report so.
 *
 * <p>Thread: every method acts on the calling thread.
 */
public final class ThreadNice {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadNice.class);

    /** The most a thread's nice value goes, the least favoured. */
    public static final int MAX = 19;

    /** libc's {@code PRIO_PROCESS}: with a thread id, that thread alone on Linux. */
    private static final int PRIO_PROCESS = 0;

    private static final Path SELF = Path.of("/proc/thread-self");

    private ThreadNice() {}

    /** The calling thread's nice value, -20 to 19; empty where it cannot be read (not Linux). */
    public static OptionalInt current() {
        return niceIn(SELF.resolve("stat"));
    }

    /** The process's nice value (its first thread's, what it was started with); empty where it cannot be read. */
    public static OptionalInt process() {
        return niceIn(Path.of("/proc/self/stat"));
    }

    private static OptionalInt niceIn(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            // fields after the command name, which is in parentheses and may hold spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalInt.of(Integer.parseInt(f[16])); // field 19 of the whole line
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Lowers the calling thread's priority to at least {@code nice} (a thread already lower stays);
     * returns whether the thread now runs at {@code nice} or lower.
     */
    public static boolean lowerTo(int nice) {
        int target = Math.max(-20, Math.min(MAX, nice));
        OptionalInt now = current();
        if (now.isEmpty()) {
            return false;
        }
        if (now.getAsInt() >= target) {
            return true;
        }
        Libc.Functions libc = Libc.get();
        OptionalInt tid = threadId();
        if (libc == null || tid.isEmpty()) {
            return false;
        }
        try {
            if (libc.setpriority(PRIO_PROCESS, tid.getAsInt(), target) != 0) {
                LOG.debug("setpriority({}, {}) failed", tid.getAsInt(), target);
                return false;
            }
        } catch (RuntimeException | LinkageError e) {
            // JNA binds the function on its first call: a libc without it fails here, not at load
            LOG.debug("setpriority cannot be called: {}", e.toString());
            return false;
        }
        return current().orElse(Integer.MIN_VALUE) >= target;
    }

    /** The kernel's id of the calling thread, from {@code /proc/thread-self} ({@code PID/task/TID}). */
    private static OptionalInt threadId() {
        try {
            Path link = Files.readSymbolicLink(SELF);
            return OptionalInt.of(Integer.parseInt(link.getFileName().toString()));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }
}
