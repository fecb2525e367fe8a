package org.pixelscope.data;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes a file so that it is either complete or absent: the bytes go to a hidden temporary
 * file beside the target, which is flushed to the disk and then moved over it. A crash, an
 * exception or a full disk leaves the previous file untouched; after a power cut the new file is
 * either there in full or not at all (the temporary file is forced to the device before the move,
 * and the folder after it, where the file system allows).
 *
 * <p>A process killed mid-write leaves its temporary file ({@code .<name>.<uuid>.tmp}); the next
 * write to the same target deletes such files once they have not been written to for
 * {@link #STALE_AFTER}, so a write still in progress in another process is left alone.
 */
public final class AtomicFiles {

    /** A temporary file untouched this long belongs to a dead writer (a live one writes continuously). */
    static final Duration STALE_AFTER = Duration.ofMinutes(1);

    private static final Pattern UUID_TMP =
            Pattern.compile("\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

    private AtomicFiles() {}

    /** Something that writes the whole content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path file, Writer writer) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        deleteStaleTemporaries(target);
        Path tmp = dir.resolve(temporaryPrefix(target) + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                writer.write(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        out.flush(); // the channel stays open until it is forced
                    }
                });
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The start of every temporary file name for {@code target}. */
    static String temporaryPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    private static void deleteStaleTemporaries(Path target) throws IOException {
        String prefix = temporaryPrefix(target);
        Instant before = Instant.now().minus(STALE_AFTER);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(target.getParent(), p -> {
            String name = p.getFileName().toString();
            return name.startsWith(prefix)
                    && UUID_TMP.matcher(name.substring(prefix.length() - 1)).matches();
        })) {
            for (Path p : files) {
                try {
                    FileTime modified = Files.getLastModifiedTime(p);
                    if (modified.toInstant().isBefore(before) && Files.isRegularFile(p)) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException e) {
                    // another writer's cleanup got there first, or the file is not ours to delete: leave it
                }
            }
        }
    }

    /** Makes the rename itself durable; Windows cannot open a folder as a channel, which is fine there. */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported on this platform or file system: the move is still atomic, only its durability is the OS's
        }
    }
}
