package org.pixelscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless face of PixelScope: every compute job the GUI runs, as a command.
 * Exit codes: 0 done, 1 a file or job failed (message on stderr), 2 bad arguments (usage).
 */
@Command(name = "pixelscope", mixinStandardHelpOptions = true, version = "PixelScope 0.1",
        description = "Train, sample, evaluate and inspect autoregressive image models (PixelCNN, PixelRNN).",
        subcommands = {SummaryCommand.class, TrainCommand.class, SampleCommand.class, EvalCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class})
public final class PixelScopeCli implements Runnable {

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
        CommandLine cli = new CommandLine(new PixelScopeCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof IOException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
