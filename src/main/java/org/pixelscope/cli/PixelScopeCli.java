package org.pixelscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.pixelscope.backend.Logging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless face of PixelScope: every compute job the GUI runs, as a command.
 *
 * <p>Exit codes: 0 done; 1 a file or job failed (one line on stderr says which and why); 2 bad
 * arguments (the message and the usage on stderr): an unknown option, a malformed value, or a
 * value out of its range ({@link Args}). A failure's stack trace goes to the log file
 * ({@link Logging#file()}), never the terminal.
 */
@Command(
        name = "pixelscope",
        mixinStandardHelpOptions = true,
        // every command takes --help (and --version) too: "pixelscope train --help"
        scope = CommandLine.ScopeType.INHERIT,
        version = "PixelScope 0.1",
        description = "Train, sample, evaluate and inspect autoregressive image models (PixelCNN, PixelRNN).",
        subcommands = {
            SummaryCommand.class,
            TrainCommand.class,
            SampleCommand.class,
            EvalCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class PixelScopeCli implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(PixelScopeCli.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs one command line and returns its exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #run(String...)}, writing to the given streams (tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        Logging.install();
        LOG.info("pixelscope {}", String.join(" ", args));
        CommandLine cli = new CommandLine(new PixelScopeCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true); // --schedule cosine, --split test
        cli.setOut(out);
        cli.setErr(err);
        CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, rest) -> {
            LOG.info("bad arguments: {}", e.getMessage());
            return usage.handleParseException(e, rest);
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> failed(commandLine.getCommandName(), e, err));
        try {
            int code = cli.execute(args);
            LOG.info("exit code {}", code);
            return code;
        } catch (RuntimeException | Error e) {
            // thrown past picocli's handler (an Error such as OutOfMemoryError)
            return failed("pixelscope", e, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * A job failed: its message on stderr, its stack trace in the log. Errors the user can act
     * on (files, data) are printed as they are; anything else is an internal error, so the
     * line points at the log.
     */
    private static int failed(String command, Throwable e, PrintWriter err) {
        LOG.error("{} failed", command, e);
        if (e instanceof IOException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            err.println("error: " + e.getMessage());
        } else {
            err.println("error: " + e + " (an internal error; the stack trace is in " + Logging.file() + ")");
        }
        err.flush();
        return 1;
    }
}
