package org.pixelscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pixelscope.inspect.Benchmark;
import org.pixelscope.model.ModelSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: speed figures of a model on this machine. */
@Command(name = "bench", description = "Measure training throughput, forward latency and sampling speed.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "pixelcnn-chapter", description = "Model (default: ${DEFAULT-VALUE}).")
    String model;

    /** 1,000 repetitions: the sampling part alone would run for hours beyond that. */
    static final int MAX_ITERATIONS = 1000;

    @Option(names = "--iterations", defaultValue = "10", description = "Timed repetitions after warm-up, 1-1000 (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Args.range(spec, "--iterations", iterations, 1, MAX_ITERATIONS);
        ModelSpec s = Args.model(spec, "--model", model);
        Benchmark.Settings d = Benchmark.Settings.defaults();
        Map<String, Object> r = Benchmark.run(s,
                new Benchmark.Settings(d.batch(), d.warmup(), iterations, d.sampleImages(), d.sampleRows()));
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(r));
        } else {
            r.forEach((k, v) -> out.printf("%-30s %s%n", k, v));
        }
        return 0;
    }
}
