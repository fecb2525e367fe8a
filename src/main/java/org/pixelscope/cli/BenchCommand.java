package org.pixelscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pixelscope.bench.Benchmark;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.ModelSpecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: speed figures of a model, or of every registered model, on this machine. */
@Command(name = "bench", description = "Measure training throughput, forward latency and sampling speed.")
final class BenchCommand implements Callable<Integer> {

    /** The {@code --model} value that benchmarks every registered model in turn. */
    static final String ALL = "all";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--model",
            paramLabel = "NAME",
            defaultValue = "pixelcnn-chapter",
            description = "Model, or '" + ALL + "' for every registered model in turn (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = "--levels",
            paramLabel = "K",
            description = "Grey levels per pixel of the model, 2-256 (PixelCNN families; default: 2).")
    Integer levels;

    /** 1,000 repetitions: the sampling part alone would run for hours beyond that. */
    static final int MAX_ITERATIONS = 1000;

    @Option(
            names = "--iterations",
            defaultValue = "10",
            description = "Timed repetitions after warm-up, 1-1000 (default: ${DEFAULT-VALUE}).")
    int iterations;

    /** An hour: longer than any model here needs to settle. */
    static final int MAX_WARMUP_SECONDS = 3600;

    @Option(
            names = "--warmup-seconds",
            paramLabel = "S",
            defaultValue = "10",
            description =
                    "Train for at least this long (and 3 steps) before timing, 0-3600 (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--json", description = "Print one JSON object per model, one per line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Args.range(spec, "--iterations", iterations, 1, MAX_ITERATIONS);
        Args.range(spec, "--warmup-seconds", warmupSeconds, 0, MAX_WARMUP_SECONDS);
        if (levels != null && ALL.equals(model)) {
            throw Args.bad(spec, "--levels needs one --model: the PixelRNN families model binary pixels only");
        }
        List<ModelSpec> specs = ALL.equals(model)
                ? ModelSpecs.all()
                : List.of(Args.levels(spec, Args.model(spec, "--model", model), levels));
        Benchmark.Settings d = Benchmark.Settings.defaults();
        Benchmark.Settings settings = new Benchmark.Settings(
                d.batch(), d.warmup(), warmupSeconds, iterations, d.sampleImages(), d.sampleRows());
        var out = spec.commandLine().getOut();
        for (int i = 0; i < specs.size(); i++) {
            Map<String, Object> r = Benchmark.run(specs.get(i), settings);
            if (json) {
                out.println(new ObjectMapper().writeValueAsString(r));
            } else {
                if (i > 0) {
                    out.println();
                }
                r.forEach((k, v) -> out.printf("%-30s %s%n", k, v));
            }
            out.flush();
        }
        return 0;
    }
}
