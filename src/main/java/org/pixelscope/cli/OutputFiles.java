package org.pixelscope.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Checks, before a long job starts, that the file it will write can be written: a folder, a
 * device, a path under a plain file or a read-only folder would otherwise surface only when
 * the job saves (after a whole training epoch, or after sampling). Also spells out an I/O
 * failure with its path and root cause, which library messages ("I/O error writing PNG file!")
 * leave out.
 */
final class OutputFiles {

    private OutputFiles() {}

    /**
     * Fails unless {@code file} can be created or replaced: it is not a folder or a special
     * file, the nearest existing folder above it is a folder, and a probe file can be created
     * and deleted there (the same folder the atomic save writes its temporary file to).
     *
     * @param option the option that named the file, for the message
     */
    static void checkWritable(Path file, String option) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new IOException(option + " " + file + " is a folder; name a file inside it");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target)) {
            throw new IOException(option + " " + file + " exists and is not a regular file (a device, pipe or "
                    + "broken link); name an ordinary file");
        }
        Path dir = target.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IOException(option + " " + file + ": no folder of that path exists");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(option + " " + file + " cannot be created: " + dir + " is a file, not a folder");
        }
        Path probe;
        try {
            probe = Files.createTempFile(dir, ".pixelscope-probe-", ".tmp");
        } catch (AccessDeniedException e) {
            throw new IOException(
                    option + " " + file + " cannot be written: no permission to create files in " + dir, e);
        } catch (FileSystemException e) {
            throw new IOException(
                    option + " " + file + " cannot be written: " + dir + ": "
                            + (e.getReason() != null ? e.getReason() : e.toString()),
                    e);
        }
        Files.deleteIfExists(probe);
    }

    /**
     * Fails unless the folder {@code file} goes to has {@code bytes} to spare, with a message
     * that says how much is needed and free.
     */
    static void checkSpace(Path file, long bytes, String what) throws IOException {
        Path dir = file.toAbsolutePath().normalize().getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null) {
            return;
        }
        long free = Files.getFileStore(dir).getUsableSpace();
        if (free < bytes) {
            throw new IOException(
                    String.format("%s needs about %s but %s has only %s free", what, size(bytes), dir, size(free)));
        }
    }

    /** "could not write FILE: message (root cause)". */
    static IOException writeFailed(Path file, IOException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = root == e ? "" : " (" + root.getMessage() + ")";
        return new IOException("could not write " + file + ": " + e.getMessage() + cause, e);
    }

    static String size(long bytes) {
        return bytes >= 10L << 20 ? (bytes >> 20) + " MB" : (bytes >> 10) + " KB";
    }
}
