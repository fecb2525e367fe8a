package org.pixelscope.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Claims a file that one job writes again and again (a training run's checkpoint), so that a
 * second job aimed at the same file is refused instead of silently taking turns with the first
 * ("last writer wins"). The claim is an OS lock on a hidden sibling, {@code .NAME.lock}, held
 * until {@link #close()} or the process ends (a crash releases it too).
 *
 * <p>The lock file itself stays behind, empty: deleting it on release would let a third
 * process lock a new file while a second still holds the old one.
 *
 * <p>Works between processes and, through {@link OverlappingFileLockException}, between jobs
 * of one JVM. Advisory only: it keeps PixelScope runs apart, not other programs.
 *
 * <p>Thread: any; close once.
 */
public final class OutputLock implements AutoCloseable {

    private final Path target;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path target, FileChannel channel, FileLock lock) {
        this.target = target;
        this.channel = channel;
        this.lock = lock;
    }

    /** The hidden lock file beside {@code target}. */
    public static Path lockFile(Path target) {
        Path abs = target.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + ".lock");
    }

    /**
     * Claims {@code target}; its folder must exist.
     *
     * @throws IOException saying which file another job holds, or why the lock file cannot be made
     */
    public static OutputLock claim(Path target) throws IOException {
        Path file = lockFile(target);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException(target + " is being written by another PixelScope run (it holds " + file
                    + "); wait for that run to end or choose another file");
        }
        return new OutputLock(target, channel, lock);
    }

    public Path target() {
        return target;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
