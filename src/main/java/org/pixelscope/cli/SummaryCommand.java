package org.pixelscope.cli;

import java.util.concurrent.Callable;
import org.pixelscope.data.GreyLevels;
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

    @Option(
            names = "--levels",
            paramLabel = "K",
            description = "With --model: the model with K grey levels per pixel, " + GreyLevels.MIN + "-"
                    + GreyLevels.MAX + " (PixelCNN families; its output layer gives K logits per pixel).")
    Integer levels;

    @Option(names = "--masks", description = "Also draw every layer's mask.")
    boolean masks;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the layer table as a Markdown file.")
    java.nio.file.Path markdown;

    @Option(
            names = "--history-csv",
            paramLabel = "FILE",
            description = "With --checkpoint: also write its training history as CSV (one row per step).")
    java.nio.file.Path historyCsv;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (source.list) {
            for (ModelSpec s : ModelSpecs.all()) {
                out.printf("%-26s %s%n", s.name(), s.description());
            }
            return 0;
        }
        if (historyCsv != null && source.checkpoint == null) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--history-csv needs --checkpoint: a registered model has no training history");
        }
        if (levels != null && source.model == null) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--levels needs --model: a checkpoint's grey levels are its own");
        }
        Checkpoints.Checkpoint cp = source.checkpoint != null ? Checkpoints.load(source.checkpoint) : null;
        PixelModel model = cp != null ? cp.model() : NetworkBuilder.build(registered(), 0, 1e-3);
        LayerSummary summary = LayerSummary.of(model);
        out.print(summary.toText());
        if (model.levels() != GreyLevels.MIN) {
            out.println("Pixels: " + new GreyLevels(model.levels()).describe() + ", a " + model.levels()
                    + "-way softmax over the output's " + model.levels() + " channels per pixel");
        }
        if (markdown != null) {
            org.pixelscope.inspect.SummaryMarkdown.write(markdown, summary);
            out.println("Wrote " + markdown);
        }
        if (historyCsv != null) {
            org.pixelscope.train.HistoryCsv.write(
                    historyCsv,
                    cp.history(),
                    model.spec().height() * model.spec().width());
            out.println("Wrote " + historyCsv);
        }
        if (masks) {
            for (MaskGrid grid : MaskGrid.of(model)) {
                out.println();
                out.print(grid.toText());
            }
        }
        return 0;
    }

    /** The --model spec, with --levels applied. */
    private ModelSpec registered() {
        return Args.levels(spec, Args.model(spec, "--model", source.model), levels);
    }
}
