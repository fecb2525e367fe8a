package org.pixelscope.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Starts ND4J and reports which native build it loaded. PixelScope ships the oneDNN build of
 * nd4j-native where one exists; the generic build runs convolutions about 8x slower (measured
 * on the chapter PixelCNN: 16.5 against 143 training images/s on one 2-core machine), so the
 * loaded library is something users and tests can see.
 */
public final class Backend {

    private Backend() {}

    /** Facts about the running back end. {@code build} is e.g. {@code linux-x86_64-onednn-avx2}. */
    public record Info(String nativeLibrary, String build, boolean onednn, int threads, int cores, String cpu) {

        /** One line for logs and the status bar. */
        public String line() {
            return "ND4J " + build + " (" + (onednn ? "oneDNN" : "no oneDNN") + "), " + threads + " threads, " + cores
                    + " cores, " + cpu;
        }
    }

    /** Starts ND4J if it is not running and describes it. Safe to call from any thread. */
    public static Info start() {
        Nd4j.create(1); // forces back-end and native library loading
        String path = "unknown";
        for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
            if (e.getKey().contains("nd4jcpu") && !e.getKey().contains("jni")) {
                path = e.getValue();
            }
        }
        String build = buildOf(path);
        int threads = Integer.getInteger("omp.threads", Runtime.getRuntime().availableProcessors());
        String env = System.getenv("OMP_NUM_THREADS");
        if (env != null && env.matches("\\d+")) {
            threads = Integer.parseInt(env);
        }
        return new Info(
                path,
                build,
                build.contains("onednn"),
                threads,
                Runtime.getRuntime().availableProcessors(),
                cpuName());
    }

    /** The platform folder the library was unpacked from, e.g. {@code .../linux-x86_64-onednn-avx2/libnd4jcpu.so}. */
    static String buildOf(String libraryPath) {
        Path p = Path.of(libraryPath);
        Path parent = p.getParent();
        return parent == null ? libraryPath : parent.getFileName().toString();
    }

    private static String cpuName() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall back to the JVM's view below
        }
        return System.getProperty("os.arch") + " (" + System.getProperty("os.name") + ")";
    }
}
