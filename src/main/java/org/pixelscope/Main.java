package org.pixelscope;

import org.pixelscope.backend.Logging;
import org.pixelscope.backend.NoDeserialization;
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

    public static void main(String[] args) {
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
            // "app --data=DIR" opens the desktop app with that folder previewed (File > Open Data),
            // "app --scene=FILE" with a saved demo (File > Open Scene)
            org.pixelscope.ui.DesktopLauncher.launch(
                    args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(PixelScopeCli.run(args));
    }
}
