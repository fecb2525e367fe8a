package org.pixelscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelscope.Main;
import org.pixelscope.backend.Logging;

/** A failure's cause goes to the log file; the terminal gets one line and none of DL4J's chatter. */
class CliLoggingTest {

    @TempDir
    Path dir;

    @Test
    void aFailedCommandPrintsItsMessageAndLogsItsStackTrace() throws IOException {
        Path noise = dir.resolve("noise.zip");
        byte[] bytes = new byte[2048];
        new SplittableRandom(3).nextBytes(bytes);
        Files.write(noise, bytes);
        Path log = Logging.file();
        long before = Files.exists(log) ? Files.size(log) : 0;

        CliTest.Result r = CliTest.run("eval", "--checkpoint", noise.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines())
                .hasSize(1)
                .first()
                .asString()
                .startsWith("error: noise.zip: not a PixelScope checkpoint");
        assertThat(log)
                .as("the test log, set by the build")
                .startsWith(Path.of("target").toAbsolutePath());
        String added = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).substring((int) before);
        assertThat(added)
                .contains("pixelscope eval --checkpoint " + noise)
                .contains("eval failed")
                .contains("org.pixelscope.train.CheckpointException: noise.zip: not a PixelScope checkpoint")
                .contains("\tat org.pixelscope.train.Checkpoints.load")
                .contains("exit code 1");
    }

    @Test
    void theLogLivesInTheUsersHomeUnlessConfigured() {
        String configured = System.getProperty(Logging.FILE_PROPERTY);
        try {
            System.clearProperty(Logging.FILE_PROPERTY);
            assertThat(Logging.file())
                    .isEqualTo(Path.of(System.getProperty("user.home"), ".pixelscope", "logs", "pixelscope.log"));
            System.setProperty(Logging.FILE_PROPERTY, dir.resolve("x.log").toString());
            assertThat(Logging.file()).isEqualTo(dir.resolve("x.log").toAbsolutePath());
        } finally {
            System.setProperty(Logging.FILE_PROPERTY, configured);
        }
    }

    /** A real process: what reaches the terminal is the command's output alone. */
    @Test
    void dl4jLogsToTheFileNotTheTerminal() throws Exception {
        Path log = dir.resolve("pixelscope.log");
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-D" + Logging.FILE_PROPERTY + "=" + log,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "summary",
                        "--model",
                        "pixelcnn-chapter")
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("summary finished").isTrue();
        String stdout = Files.readString(dir.resolve("stdout.txt"));
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertThat(p.exitValue()).as(stderr).isZero();
        assertThat(stdout)
                .contains("Total params: 187,905")
                .doesNotContain("INFO")
                .doesNotContain("nd4j");
        assertThat(stderr).isEmpty();
        assertThat(Files.readString(log))
                .contains("pixelscope summary --model pixelcnn-chapter")
                .contains("org.nd4j.linalg.factory.Nd4jBackend - Loaded [CpuBackend] backend");
    }
}
