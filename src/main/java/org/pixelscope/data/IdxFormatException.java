package org.pixelscope.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that cannot be used as it is: missing, not IDX, the wrong kind of IDX, cut off,
 * or inconsistent with its partner file. The message is meant for the user as it stands and
 * always names the file ("train-images-idx3-ubyte.gz: expected magic 2051 (IDX images), found
 * 2049 — is this a label file?"); {@link #file()} gives the full path for a dialog or a log.
 */
public final class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file    the file (or folder) at fault
     * @param message the whole user-facing message, already naming the file
     */
    public IdxFormatException(Path file, String message) {
        super(message);
        this.file = file;
    }

    /** Same as {@link #IdxFormatException(Path, String)}, keeping the low-level cause. */
    public IdxFormatException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The file or folder the message is about. */
    public Path file() {
        return file;
    }
}
