package org.pixelscope.backend;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * A java.util.logging handler that appends one line per record (plus the stack trace, if any)
 * to a file opened in append mode. JUL's own FileHandler is not used: it locks its file and,
 * when a second process holds it, writes to {@code pixelscope.log.1} instead, so the GUI could
 * not tell which file to open.
 *
 * <p>Thread: any; {@link #publish} is synchronized and writes each record with one call.
 */
final class LogFileHandler extends Handler {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final OutputStream out;

    LogFileHandler(Path file) throws IOException {
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text);
        String message = record.getMessage();
        Object[] params = record.getParameters();
        if (params != null && params.length > 0 && message != null && message.contains("{0")) {
            message = java.text.MessageFormat.format(message, params);
        }
        w.printf(
                "%s %-7s [%s] %s - %s%n",
                TIME.format(LocalDateTime.now()),
                record.getLevel(),
                Thread.currentThread().getName(),
                record.getLoggerName(),
                message);
        if (record.getThrown() != null) {
            record.getThrown().printStackTrace(w);
        }
        w.flush();
        try {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            reportError("cannot write the log", e, ErrorManager.WRITE_FAILURE);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            reportError("cannot flush the log", e, ErrorManager.FLUSH_FAILURE);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            reportError("cannot close the log", e, ErrorManager.CLOSE_FAILURE);
        }
    }
}
