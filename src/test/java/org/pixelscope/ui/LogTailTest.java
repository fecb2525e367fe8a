package org.pixelscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path dir;

    @Test
    void aLongLogShowsItsEndFromALineBoundary() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            sb.append("line ").append(i).append('\n');
        }
        Path log = Files.writeString(dir.resolve("a.log"), sb);
        String tail = LogTail.read(log, 100);
        assertThat(tail).startsWith("…\nline ").endsWith("line 999\n");
        assertThat(tail.length()).isLessThanOrEqualTo(102);
        assertThat(LogTail.read(Files.writeString(dir.resolve("b.log"), "short\n"), 100))
                .isEqualTo("short\n");
        assertThat(LogTail.read(dir.resolve("missing.log"), 100)).contains("nothing has been logged");
    }
}
