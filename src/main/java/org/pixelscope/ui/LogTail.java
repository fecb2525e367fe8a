package org.pixelscope.ui;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The last part of a text file, for showing a log: at most {@code maxBytes}, starting at a line
 * boundary. Thread: any (blocking file I/O, so a worker).
 */
final class LogTail {

    private LogTail() {}

    static String read(Path file, int maxBytes) throws IOException {
        if (!Files.isRegularFile(file)) {
            return "(the log is empty: nothing has been logged yet)";
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            long start = Math.max(0, length - maxBytes);
            byte[] bytes = new byte[(int) (length - start)];
            f.seek(start);
            f.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (start > 0) {
                int nl = text.indexOf('\n');
                text = "…\n" + (nl >= 0 ? text.substring(nl + 1) : text);
            }
            return text.isEmpty() ? "(the log is empty: nothing has been logged yet)" : text;
        }
    }
}
