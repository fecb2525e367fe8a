package org.pixelscope.cli;

import java.util.concurrent.Callable;
import org.pixelscope.inspect.LayerSummary;
import org.pixelscope.inspect.MaskGrid;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;
import org.pixelscope.train.Checkpoints;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code summary}: the layer table of a registered model or a checkpoint, and its masks. */
@Command(name = "summary", description = "Print a model's layers, output shapes and parameter counts.")
final class SummaryCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--model", paramLabel = "NAME", description = "A registered model (see --list).")
        String model;

        @Option(names = "--checkpoint", paramLabel = "FILE", description = "A checkpoint zip.")
        java.nio.file.Path checkpoint;

        @Option(names = "--list", description = "List the registered models.")
        boolean list;
    }

    @Option(names = "--masks", description = "Also draw every layer's mask.")
    boolean masks;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (source.list) {
            for (ModelSpec s : ModelSpecs.all()) {
                out.printf("%-26s %s%n", s.name(), s.description());
            }
            return 0;
        }
        PixelModel model = source.checkpoint != null
                ? Checkpoints.load(source.checkpoint).model()
                : NetworkBuilder.build(Args.model(spec, "--model", source.model), 0, 1e-3);
        out.print(LayerSummary.of(model).toText());
        if (masks) {
            for (MaskGrid grid : MaskGrid.of(model)) {
                out.println();
                out.print(grid.toText());
            }
        }
        return 0;
    }
}
