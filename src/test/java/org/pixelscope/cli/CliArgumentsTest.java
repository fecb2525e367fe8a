package org.pixelscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.train.Checkpoints;
import org.pixelscope.train.TrainingHistory;

/**
 * Every option value that parses but makes no sense is a usage error: exit code 2, a message
 * naming the option, the usage, no stack trace, and nothing done (no file written).
 */
class CliArgumentsTest {

    @TempDir
    static Path dir;
    /** An untrained chapter model whose history says one epoch with seed 42: nothing trains. */
    private static Path checkpoint;

    @BeforeAll
    static void saveACheckpoint() throws IOException {
        checkpoint = dir.resolve("one-epoch.zip");
        Checkpoints.save(
                checkpoint,
                NetworkBuilder.build(ModelSpecs.require("pixelcnn-chapter"), 42, 1e-3),
                new TrainingHistory(1, 2, 42, "test", List.of(), List.of()),
                false);
    }

    static Stream<Arguments> badValues() {
        String cp = checkpoint.toString();
        String out = dir.resolve("never.zip").toString();
        String png = dir.resolve("never.png").toString();
        List<Arguments> cases = new ArrayList<>();
        cases.add(of("unknown model 'no-such-model'", "summary", "--model", "no-such-model"));
        cases.add(of("unknown model 'nope'", "bench", "--model", "nope"));
        cases.add(of("--iterations must be 1 to 1,000, got 0", "bench", "--iterations", "0"));
        cases.add(of("--warmup-seconds must be 0 to 3,600, got -1", "bench", "--warmup-seconds", "-1"));
        cases.add(of("unknown model 'nope'", "train", "--model", "nope", "--out", out));
        for (String epochs : List.of("0", "-1", "1000000000")) {
            cases.add(of("--epochs must be 1 to 10,000", "train", "--epochs", epochs, "--out", out));
        }
        for (String batch : List.of("0", "100000")) {
            cases.add(of("--batch must be 1 to 512", "train", "--batch", batch, "--out", out));
        }
        for (String lr : List.of("0", "-0.001", "NaN", "Infinity", "1000", "1e300")) {
            cases.add(of("--lr must be above 0 and at most 1", "train", "--lr", lr, "--out", out));
        }
        cases.add(of("--limit must be 0 (all) or a positive count, got -5", "train", "--limit", "-5", "--out", out));
        cases.add(of(
                "--model pixelcnn-residual contradicts --resume",
                "train",
                "--resume",
                cp,
                "--model",
                "pixelcnn-residual",
                "--out",
                out));
        cases.add(of("--min-lr must be 0 to --lr", "train", "--min-lr", "0.5", "--out", out));
        cases.add(of("--patience must be 0 to", "train", "--patience", "-1", "--out", out));
        cases.add(of("--schedule", "train", "--schedule", "linear", "--out", out));
        cases.add(of("--seed 7 contradicts --resume", "train", "--resume", cp, "--seed", "7", "--out", out));
        cases.add(
                of("--limit must be 0 (all) or a positive count, got -5", "eval", "--checkpoint", cp, "--limit", "-5"));
        for (String n : List.of("0", "65", "20000")) {
            cases.add(of(
                    "--n must be 1 to 64",
                    "sample",
                    "--checkpoint",
                    cp,
                    "--out",
                    png,
                    "--n",
                    n,
                    "--complete-rows",
                    "5"));
        }
        for (String scale : List.of("0", "-3", "100000")) {
            cases.add(of("--scale must be 1 to 32", "sample", "--checkpoint", cp, "--out", png, "--scale", scale));
        }
        for (String t : List.of("0", "-1", "NaN", "Infinity", "1000")) {
            cases.add(of(
                    "--temperature must be above 0 and at most 100",
                    "sample",
                    "--checkpoint",
                    cp,
                    "--out",
                    png,
                    "--temperature",
                    t));
        }
        for (String k : List.of("-1", "29")) {
            cases.add(of(
                    "--complete-rows must be 0 to 28",
                    "sample",
                    "--checkpoint",
                    cp,
                    "--out",
                    png,
                    "--complete-rows",
                    k));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badValues")
    void aBadValueIsAUsageError(String says, List<String> args) {
        CliTest.Result r = CliTest.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err())
                .contains(says)
                .contains("Usage: pixelscope " + args.get(0))
                .doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
        assertThat(dir.resolve("never.zip")).doesNotExist();
        assertThat(dir.resolve("never.png")).doesNotExist();
    }

    @Test
    void aMalformedNumberIsAUsageErrorToo() {
        CliTest.Result r = CliTest.run(
                "train", "--lr", "fast", "--out", dir.resolve("never.zip").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--lr").contains("fast");
    }

    @ParameterizedTest(name = "{0} --help")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"summary", "train", "sample", "eval", "bench"})
    void everyCommandPrintsItsHelp(String command) {
        // train, sample and eval have required options: --help must not ask for them
        CliTest.Result r = CliTest.run(command, "--help");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Usage: pixelscope " + command).contains("--help");
        assertThat(r.err()).isEmpty();
    }

    private static Arguments of(String says, String... args) {
        return Arguments.of(says, List.of(args));
    }
}
