package org.pixelscope.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A picture or picture folder that cannot be used. {@link #getMessage()} names the file and the
 * problem; {@link #reason()} is the problem alone, for lists that already name the file.
 */
public final class ImageFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String reason;

    public ImageFileException(Path file, String reason) {
        this(file, reason, null);
    }

    public ImageFileException(Path file, String reason, Throwable cause) {
        super(reason.startsWith(String.valueOf(file)) ? reason : file.getFileName() + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The file or folder at fault. */
    public Path file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String reason() {
        return reason;
    }
}
