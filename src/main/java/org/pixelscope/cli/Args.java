package org.pixelscope.cli;

import java.util.Locale;
import org.pixelscope.data.GreyLevels;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.ModelSpecs;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The one path for option values that parse but make no sense: each check throws picocli's
 * {@link ParameterException}, which the command line turns into exit code 2 with the message and
 * the command's usage, just like a malformed value. Commands call these first thing in
 * {@code call()}, before any file is read or any model built.
 */
final class Args {

    private Args() {}

    static ParameterException bad(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** {@code value} within {@code [min, max]}, or a usage error naming {@code option}. */
    static int range(CommandSpec spec, String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw bad(spec, String.format(Locale.ROOT, "%s must be %,d to %,d, got %,d", option, min, max, value));
        }
        return value;
    }

    /** {@code value >= 0}: a limit where 0 means "all". */
    static int limit(CommandSpec spec, String option, int value) {
        if (value < 0) {
            throw bad(
                    spec, String.format(Locale.ROOT, "%s must be 0 (all) or a positive count, got %,d", option, value));
        }
        return value;
    }

    /** A finite number in {@code (above, max]}. */
    static double range(CommandSpec spec, String option, double value, double above, double max) {
        if (!(value > above && value <= max)) {
            throw bad(
                    spec,
                    String.format(
                            Locale.ROOT,
                            "%s must be above %s and at most %s, got %s",
                            option,
                            plain(above),
                            plain(max),
                            value));
        }
        return value;
    }

    /** A registered model, or a usage error that lists the registered names. */
    static ModelSpec model(CommandSpec spec, String option, String name) {
        return ModelSpecs.find(name)
                .orElseThrow(() -> bad(
                        spec,
                        String.format(
                                "%s: unknown model '%s'; known models: %s",
                                option,
                                name,
                                String.join(
                                        ", ",
                                        ModelSpecs.all().stream()
                                                .map(ModelSpec::name)
                                                .toList()))));
    }

    /**
     * {@code model} with {@code levels} grey levels ({@code --levels}), or as it is when null; a
     * count outside 2..256 or a family without grey levels is a usage error.
     */
    static ModelSpec levels(CommandSpec spec, ModelSpec model, Integer levels) {
        if (levels == null) {
            return model;
        }
        range(spec, "--levels", levels, GreyLevels.MIN, GreyLevels.MAX);
        try {
            return model.withLevels(levels);
        } catch (IllegalArgumentException e) {
            throw bad(spec, "--levels " + levels + ": " + e.getMessage());
        }
    }

    /** Whether the user typed {@code option} (as opposed to its default applying). */
    static boolean given(CommandSpec spec, String option) {
        return spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
