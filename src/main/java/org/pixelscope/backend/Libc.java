package org.pixelscope.backend;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few C library functions PixelScope calls, through JNA (a dependency of ND4J's
 * system-information library, declared in the pom at the version ND4J brings): the process
 * environment for {@link OpenMpWait} and thread priorities for {@link ThreadNice}. Linux only; on
 * other systems, or where JNA or libc cannot load, {@link #get} is null and the callers change
 * nothing.
 *
 * <p>JNA binds each function on its first call, so a libc without one fails there, with a
 * {@link LinkageError} or a {@link RuntimeException}: callers catch both.
 *
 * <p>Thread: {@link #get} is safe from any thread; what a function does with the environment is
 * the caller's concern ({@code setenv} is not safe beside threads reading it).
 */
final class Libc {

    private static final Logger LOG = LoggerFactory.getLogger(Libc.class);

    /** The functions used, as libc declares them. */
    interface Functions extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);

        int setpriority(int which, int who, int prio);
    }

    private Libc() {}

    /**
     * libc, or null: not Linux, or it cannot be loaded; also where JNA's own classes cannot load
     * (the holder's initialisation then fails with a linkage error on every access), so no caller
     * needs its own guard.
     */
    static Functions get() {
        try {
            return Holder.LIBC;
        } catch (LinkageError e) {
            return null;
        }
    }

    /** libc, loaded on first use. */
    private static final class Holder {
        static final Functions LIBC = load();

        private static Functions load() {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
                return null;
            }
            try {
                return Native.loadLibrary("c", Functions.class);
            } catch (RuntimeException | LinkageError e) {
                LOG.info(
                        "libc cannot be called, so the process environment and thread priorities stay as they are ({})",
                        e.toString());
                return null;
            }
        }
    }
}
