package org.pixelscope.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: a writer that dies midway leaves the old file as it was, and dead writers' temporary files go away. */
class AtomicFilesTest {

    @Test
    void aWriterThatFailsMidwayLeavesTheOldFileByteIdenticalAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run.zip");
        byte[] old = new byte[100_000];
        new java.util.Random(1).nextBytes(old);
        Files.write(file, old);
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
                    out.write(new byte[70_000]); // past the stream's buffer, so bytes reached the temporary file
                    throw new IOException("disk full (simulated)");
                }))
                .hasMessage("disk full (simulated)");
        assertThat(Files.readAllBytes(file)).isEqualTo(old);
        assertThat(names(dir)).containsExactly("run.zip");
    }

    @Test
    void temporaryFilesOfADeadWriterAreDeletedByTheNextWriteToTheSameTarget(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run.zip");
        Path dead = Files.writeString(dir.resolve(".run.zip." + UUID.randomUUID() + ".tmp"), "half a checkpoint");
        Files.setLastModifiedTime(
                dead, FileTime.from(Instant.now().minus(AtomicFiles.STALE_AFTER).minusSeconds(5)));
        Path live = Files.writeString(
                dir.resolve(".run.zip." + UUID.randomUUID() + ".tmp"), "another process, writing now");
        Path otherTarget = Files.writeString(dir.resolve(".other.zip." + UUID.randomUUID() + ".tmp"), "not ours");
        Files.setLastModifiedTime(otherTarget, FileTime.from(Instant.now().minusSeconds(3600)));
        Path lookalike = Files.writeString(dir.resolve(".run.zip.notes.tmp"), "a user's file");
        Files.setLastModifiedTime(lookalike, FileTime.from(Instant.now().minusSeconds(3600)));

        AtomicFiles.write(file, out -> out.write(new byte[] {1, 2, 3}));

        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        assertThat(dead).doesNotExist();
        assertThat(live).exists();
        assertThat(otherTarget).exists();
        assertThat(lookalike).exists();
    }

    @Test
    void aWriterMayCloseTheStreamItWasGiven(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("grid.png");
        AtomicFiles.write(file, out -> {
            out.write(new byte[] {7, 8});
            out.close();
        });
        assertThat(Files.readAllBytes(file)).containsExactly(7, 8);
        assertThat(names(dir)).containsExactly("grid.png");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
