package org.pixelscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pixelscope.inspect.Benchmark;
import org.pixelscope.model.ModelSpecs;
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

    @Option(names = "--iterations", defaultValue = "10", description = "Timed repetitions after warm-up (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be at least 1");
        }
        Benchmark.Settings d = Benchmark.Settings.defaults();
        Map<String, Object> r = Benchmark.run(ModelSpecs.require(model),
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
