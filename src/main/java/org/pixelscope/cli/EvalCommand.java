package org.pixelscope.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pixelscope.data.BinarizedIterator;
import org.pixelscope.data.GreyLevels;
import org.pixelscope.data.ImageSet;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.PixelModel;
import org.pixelscope.train.Checkpoints;
import org.pixelscope.train.Classification;
import org.pixelscope.train.Metrics;
import org.pixelscope.train.MnistTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eval}: negative log-likelihood of a checkpoint on a data split; a class-conditional
 * model's under each image's own label, and with {@code --classify} its accuracy as a classifier
 * ({@link Classification}) and the NLL with the label unknown.
 */
@Command(
        name = "eval",
        description = "Negative log-likelihood (nats per image, bits/dim) of a checkpoint on MNIST; a conditional"
                + " model's given each image's label.")
final class EvalCommand implements Callable<Integer> {

    enum Split {
        test,
        validation
    }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--checkpoint", paramLabel = "FILE", required = true, description = "Checkpoint zip.")
    Path checkpoint;

    @Option(names = "--split", defaultValue = "test", description = "test or validation (default: ${DEFAULT-VALUE}).")
    Split split;

    @Option(names = "--limit", defaultValue = "0", description = "Evaluate the first N images only (default: 0, all).")
    int limit;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(
            names = "--csv",
            paramLabel = "FILE",
            description = "Also write each image's NLL as CSV (image,label,nats,bits_per_dim).")
    Path csv;

    @Option(
            names = "--classify",
            description = "Class-conditional models: classify each image by p(y|x) ∝ p(x|y) p(y) (uniform prior) and"
                    + " report the accuracy and the NLL with the label unknown, -log sum_y p(y) p(x|y).")
    boolean classify;

    @Mixin
    DataOption data;

    @Override
    public Integer call() throws Exception {
        Args.limit(spec, "--limit", limit);
        PixelModel model = Checkpoints.load(checkpoint).model();
        if (classify && !model.conditional()) {
            throw Args.bad(
                    spec,
                    "--classify: " + model.spec().name() + " is not class-conditional, so it has no p(x | y) to"
                            + " classify with; train one with --model pixelcnn-gated-conditional");
        }
        MnistData mnist = data.load();
        MnistTraining.requireSize(mnist, model.spec());
        ImageSet images = split == Split.test ? mnist.test() : mnist.validation();
        if (images.count() == 0) {
            throw new IOException(
                    split == Split.test
                            ? String.format("no images to evaluate: %s holds no test images", mnist.testImagesFile())
                            : String.format(
                                    "no images to evaluate: the validation split is the last %,d (or 20%%) of %s, "
                                            + "which holds %,d images",
                                    MnistData.VALIDATION_SIZE,
                                    mnist.trainImagesFile(),
                                    mnist.trainAll().count()));
        }
        byte[] labels = split == Split.test ? mnist.testLabels() : mnist.validationLabels();
        GreyLevels levels = new GreyLevels(model.levels());
        BinarizedIterator it = MnistTraining.evaluation(images, labels, limit, levels);
        Classification.Result classified = classify ? Classification.evaluate(model, it) : null;
        Metrics.Nll nll = classified != null
                ? new Metrics.Nll(classified.trueLabelNats(), classified.trueLabelBitsPerDim(), classified.images())
                : Metrics.evaluate(model, it);
        var out = spec.commandLine().getOut();
        if (csv != null) {
            double[] each = org.pixelscope.train.ImageLikelihoods.nats(model, it);
            org.pixelscope.train.ImageLikelihoods.write(
                    csv,
                    each,
                    java.util.Arrays.copyOf(labels, each.length),
                    model.spec().height() * model.spec().width());
        }
        if (json) {
            out.printf(
                    Locale.ROOT,
                    "{\"nll_nats\": %.4f, \"bits_per_dim\": %.5f, \"levels\": %d, \"images\": %d, \"split\": \"%s\","
                            + " \"model\": \"%s\"%s}%n",
                    nll.nats(),
                    nll.bitsPerDim(),
                    levels.levels(),
                    nll.images(),
                    split,
                    model.spec().name(),
                    classified == null ? "" : classifiedJson(classified));
        } else {
            out.printf(
                    Locale.ROOT,
                    "%s on MNIST %s (%,d images, %s):%n" + "  NLL %.2f nats/image   %.4f bits/dim%s%n",
                    model.spec().name(),
                    split,
                    nll.images(),
                    levels.binary()
                            ? "fixed stochastic binarisation, seed 0"
                            : levels.describe() + ", level = floor(v * " + levels.levels() + " / 256)",
                    nll.nats(),
                    nll.bitsPerDim(),
                    levels.binary() ? "" : " (" + levels.describe() + ")");
            if (model.conditional()) {
                out.println("  (given each image's own label: -log p(x | y))");
            }
            if (classified != null) {
                out.printf(
                        Locale.ROOT,
                        "  classified by p(y | x) ∝ p(x | y) p(y), uniform prior: accuracy %.2f%% (%,d of %,d)%n"
                                + "  NLL with the label unknown, -log sum_y p(y) p(x | y): %.2f nats/image   %.4f"
                                + " bits/dim%n",
                        100 * classified.accuracy(),
                        classified.correct(),
                        classified.images(),
                        classified.marginalNats(),
                        classified.marginalBitsPerDim());
            }
        }
        if (csv != null && !json) {
            out.println("Wrote " + csv);
        }
        return 0;
    }

    /** The classification fields of the JSON line, each NLL named by what it conditions on. */
    private static String classifiedJson(Classification.Result c) {
        return String.format(
                Locale.ROOT,
                ", \"accuracy\": %.5f, \"correct\": %d, \"nll_true_label_nats\": %.4f,"
                        + " \"nll_marginal_nats\": %.4f, \"marginal_bits_per_dim\": %.5f, \"prior\": \"uniform\"",
                c.accuracy(),
                c.correct(),
                c.trueLabelNats(),
                c.marginalNats(),
                c.marginalBitsPerDim());
    }
}
