package org.pixelscope.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per output file, within a JVM and across processes. */
class OutputLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondClaimInTheSameJvmIsRefusedUntilTheFirstEnds() throws IOException {
        Path target = dir.resolve("run.zip");
        try (OutputLock first = OutputLock.claim(target)) {
            assertThatThrownBy(() -> OutputLock.claim(target))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(target.toString())
                    .hasMessageContaining("another PixelScope run");
        }
        try (OutputLock again = OutputLock.claim(target)) {
            assertThat(again.target()).isEqualTo(target);
        }
        assertThat(OutputLock.lockFile(target))
                .isEqualTo(dir.resolve(".run.zip.lock").toAbsolutePath());
    }

    @Test
    void aClaimHeldByAnotherProcessIsRefused() throws Exception {
        Path target = dir.resolve("shared.zip");
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHolder.class.getName(),
                        target.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> OutputLock.claim(target))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("another PixelScope run");
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // the holder has ended, and with it its lock
        try (OutputLock mine = OutputLock.claim(target)) {
            assertThat(mine.target()).isEqualTo(target);
        }
    }
}
