package org.pixelscope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident memory as the kernel counts it ({@code VmRSS} in
 * {@code /proc/self/status}): heap, ND4J's off-heap buffers and native libraries together, which
 * is what grows when native memory leaks; {@code -Xmx} bounds only the heap.
 *
 * <p>Thread: any.
 */
public final class ResidentMemory {

    private ResidentMemory() {}

    /** Resident megabytes (MiB), or -1 where {@code /proc} is not available (not Linux). */
    public static double megabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
                    return Math.round(Long.parseLong(kb) / 1024.0 * 10) / 10.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
