package org.pixelscope.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a class in a child JVM on this test's class path and returns its standard output and error
 * together, after asserting that it ended within the time given and exited with 0. The output goes
 * to a file, not a pipe, so that a child which hangs cannot block the read and the timeout fires.
 */
final class ChildJvm {

    private ChildJvm() {}

    /**
     * {@code java -cp <class path> arguments...}, its environment first changed by {@code
     * environment}; fails the test if it runs past {@code seconds} or exits with another status.
     */
    static String run(List<String> arguments, Consumer<Map<String, String>> environment, int seconds) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        command.addAll(arguments);
        Path log = Files.createTempFile("child-jvm", ".txt");
        try {
            ProcessBuilder pb =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            environment.accept(pb.environment());
            Process p = pb.start();
            boolean ended = p.waitFor(seconds, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            String out = Files.readString(log);
            assertThat(ended)
                    .as("the child ended within %d s:%n%s", seconds, out)
                    .isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
