package org.pixelscope;

import org.pixelscope.backend.Logging;
import org.pixelscope.backend.NoDeserialization;
import org.pixelscope.backend.OpenMpWait;
import org.pixelscope.backend.QuietStdout;
import org.pixelscope.cli.PixelScopeCli;

/**
 * Entry point of {@code java -jar pixelscope.jar}: with arguments it runs the command line;
 * without, or with {@code app [--data=DIR] [--scene=FILE]}, it opens the desktop app. A plain class, not the {@code Application} subclass, so the
 * JavaFX runtime on the class path is accepted (a jar whose main class extends
 * {@code Application} fails from the class path with "JavaFX runtime components are missing").
 */
public final class Main {

    private Main() {}

    /**
     * Bounds on ND4J's native (off-heap) memory, which -Xmx does not limit: past them JavaCPP
     * collects garbage and then fails with an OutOfMemoryError the app reports, instead of the
     * operating system killing the process. Set here, before anything loads JavaCPP, unless the
     * command line set them.
     */
    static final String MAX_BYTES = "4G";

    static final String MAX_PHYSICAL_BYTES = "10G";

    /** The first argument that opens the desktop app with options instead of running a command. */
    static final String APP = "app";

    /**
     * Loads JavaCPP's {@code Pointer} class on a thread of the process's own priority. Its class
     * initialisation starts the "JavaCPP Deallocator" thread, which frees the native memory of
     * collected arrays, and on Linux a new thread takes its creator's nice value: loaded first by
     * one of the app's lowered workers, the deallocator ran 10 nice steps down (read from
     * {@code /proc} while the app trained), behind every compute thread, so native memory was freed
     * late on a busy machine. Started before any worker exists; a worker that touches the class
     * meanwhile waits for this initialisation.
     */
    static void startNativeDeallocator() {
        Thread t = new Thread(
                () -> {
                    try {
                        Class.forName("org.bytedeco.javacpp.Pointer");
                    } catch (ClassNotFoundException | LinkageError e) {
                        // the first use on a worker reports the same failure where it matters
                    }
                },
                "pixelscope-native-init");
        t.setDaemon(true);
        t.start();
    }

    public static void main(String[] args) {
        // before anything loads libnd4j and its libgomp, which read the variable once
        OpenMpWait.install();
        if (System.getProperty("org.bytedeco.javacpp.maxbytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxbytes", MAX_BYTES);
        }
        if (System.getProperty("org.bytedeco.javacpp.maxphysicalbytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxphysicalbytes", MAX_PHYSICAL_BYTES);
        }
        NoDeserialization.install();
        QuietStdout.install();
        // before anything starts DL4J: its log lines go to the file, not the terminal
        Logging.install();
        if (args.length == 0 || args[0].equals(APP)) {
            startNativeDeallocator();
            // "app --data=DIR" opens the desktop app with that folder previewed (File > Open Data),
            // "app --scene=FILE" with a saved demo (File > Open Scene)
            org.pixelscope.ui.DesktopLauncher.launch(
                    args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(PixelScopeCli.run(args));
    }
}
