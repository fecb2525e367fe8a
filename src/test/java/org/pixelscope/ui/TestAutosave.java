package org.pixelscope.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** A fresh temporary autosave folder per session, so tests never touch the user's. */
public final class TestAutosave {

    private TestAutosave() {}

    public static Autosave folder() {
        try {
            return Autosave.in(Files.createTempDirectory("pixelscope-autosave-test"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
