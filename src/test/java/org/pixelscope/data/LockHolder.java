package org.pixelscope.data;

import java.nio.file.Path;

/**
 * A second process for {@link OutputLockTest}: claims {@code args[0]}, prints "locked", and holds
 * the claim until its standard input closes.
 */
public final class LockHolder {

    private LockHolder() {}

    public static void main(String[] args) throws Exception {
        try (OutputLock lock = OutputLock.claim(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes the pipe
            }
        }
    }
}
