package org.pixelscope.train;

import java.io.IOException;

/** A checkpoint file that cannot be read or written; the message names the file and the problem. */
public class CheckpointException extends IOException {

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
