package org.pixelscope.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pixelscope.data.GreyLevels;
import org.pixelscope.data.ImageSet;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.PixelModel;
import org.pixelscope.sample.RasterSampler;
import org.pixelscope.sample.SampleImages;
import org.pixelscope.sample.SampleRequest;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.sample.SamplerKind;
import org.pixelscope.train.Checkpoints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sample}: generates images pixel by pixel and writes them as a PNG grid. */
@Command(
        name = "sample",
        description = "Generate images in raster order from a checkpoint and save a PNG grid (grey for K grey levels).")
final class SampleCommand implements Callable<Integer> {

    /** Above 100 every pixel is a fair coin; the sampler handles any positive value. */
    static final double MAX_TEMPERATURE = 100;
    /** 32 screen pixels per image pixel: an 8x8 grid of MNIST digits is then 7,186 pixels wide. */
    static final int MAX_SCALE = 32;
    /** The widest PNG written: 8,192 pixels (a square one is 256 MB as an RGB image in memory). */
    static final int MAX_SIDE = 8_192;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--checkpoint", paramLabel = "FILE", required = true, description = "Checkpoint zip.")
    Path checkpoint;

    @Option(
            names = "--n",
            defaultValue = "" + SampleRequest.DEFAULT_COUNT,
            description = "Images, 1-" + SampleRequest.MAX_COUNT + "; per digit for a class-conditional model"
                    + " (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "PNG to write.")
    Path out;

    @Option(
            names = "--seed",
            defaultValue = "" + SampleRequest.DEFAULT_SEED,
            description = "Seed of the draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--temperature",
            defaultValue = "1.0",
            description = "Above 0, at most " + (int) MAX_TEMPERATURE
                    + "; below 1 sharpens, above 1 flattens (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(
            names = "--complete-rows",
            paramLabel = "K",
            defaultValue = "0",
            description = "Keep the top K rows of the first N test images and generate the rest.")
    int completeRows;

    @Option(
            names = "--scale",
            defaultValue = "4",
            description = "Screen pixels per image pixel, 1-32 (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--naive", description = "Re-run the whole network per pixel (the reference sampler).")
    boolean naive;

    @Option(
            names = "--digit",
            paramLabel = "D",
            description = "Class-conditional models: the digit(s) to draw, e.g. 7, 0-9 or 3,5; one row of --n images"
                    + " per digit (default for such a model: 0-9, as many per digit as fit in "
                    + SampleRequest.MAX_COUNT + ", at most 8).")
    String digit;

    @Mixin
    DataOption data;

    /** The digits drawn, one grid row each, for a class-conditional model; set by {@link #labels}. */
    private int[] digits;

    @Override
    public Integer call() throws Exception {
        Args.range(spec, "--n", count, 1, SampleRequest.MAX_COUNT);
        Args.range(spec, "--temperature", temperature, 0, MAX_TEMPERATURE);
        Args.range(spec, "--scale", scale, 1, MAX_SCALE);
        OutputFiles.checkWritable(out, "--out");
        PixelModel model = Checkpoints.load(checkpoint).model();
        int h = model.spec().height();
        int w = model.spec().width();
        Args.range(spec, "--complete-rows", completeRows, 0, h);
        int[] labels = labels(model);
        if (labels != null) {
            count = labels.length;
        }
        int cols = labels != null ? count / digits.length : (int) Math.ceil(Math.sqrt(count));
        long side = (long) cols * (Math.max(h, w) * (long) scale + 2) + 2;
        if (side > MAX_SIDE) {
            throw Args.bad(
                    spec,
                    String.format(
                            "--scale %d makes the %d-image grid of %dx%d images %,d pixels wide; "
                                    + "at most %,d: use a smaller --scale",
                            scale, count, h, w, side, MAX_SIDE));
        }
        SampleRequest request;
        if (completeRows > 0) {
            MnistData mnist = data.load();
            ImageSet test = mnist.test();
            if (test.rows() != h || test.cols() != w) {
                throw new IllegalArgumentException(
                        "test images are " + test.rows() + "x" + test.cols() + " but the model draws " + h + "x" + w);
            }
            if (count > test.count()) {
                throw Args.bad(
                        spec,
                        String.format(
                                "--n %d with --complete-rows needs %d test images, but %s holds %,d",
                                count, count, mnist.testImagesFile(), test.count()));
            }
            // the test images as eval scores them: the fixed binarisation, or the model's grey levels
            GreyLevels levels = new GreyLevels(model.levels());
            float[] prefix = new float[count * h * w];
            for (int i = 0; i < count; i++) {
                System.arraycopy(levels.evaluationLevels(test, i), 0, prefix, i * h * w, h * w);
            }
            request = new SampleRequest(count, seed, temperature, prefix, completeRows);
        } else {
            request = SampleRequest.fresh(count, seed, temperature);
        }
        request = request.withLabels(labels);
        SampleTrace trace = new SampleTrace(count, h, w, cols, model.levels());
        long t0 = System.nanoTime();
        new RasterSampler(naive ? SamplerKind.NAIVE : SamplerKind.fastest(model.spec()))
                .sample(model, request, trace, () -> false);
        double seconds = (System.nanoTime() - t0) / 1e9;
        try {
            SampleImages.writePng(SampleImages.grid(trace, scale), out);
        } catch (IOException e) {
            throw OutputFiles.writeFailed(out, e);
        }
        spec.commandLine()
                .getOut()
                .printf(
                        "Wrote %d images (%d pixels each, %.1f s) to %s%s%n",
                        count,
                        (trace.pixelsPerImage() - trace.start()),
                        seconds,
                        out,
                        labels == null ? "" : ", one row per digit: " + java.util.Arrays.toString(digits));
        return 0;
    }

    /**
     * Each image's label for a class-conditional model (rows of {@code --n} per digit, {@code --n}
     * counting per digit), or null for an unconditional one; a {@code --digit} it cannot use is a
     * usage error.
     */
    private int[] labels(PixelModel model) {
        int classes = model.spec().classes();
        if (classes == 0) {
            if (digit != null) {
                throw Args.bad(
                        spec,
                        "--digit: " + model.spec().name() + " is not class-conditional, so it cannot be asked for a"
                                + " digit; train one with --model pixelcnn-gated-conditional");
            }
            return null;
        }
        try {
            // no --digit: every class (the first MAX_COUNT of a model with more)
            digits = Digits.parse(
                    digit == null ? "0-" + (Math.min(classes, SampleRequest.MAX_COUNT) - 1) : digit, classes);
        } catch (IllegalArgumentException e) {
            throw Args.bad(spec, "--digit: " + e.getMessage());
        }
        if (digits.length > SampleRequest.MAX_COUNT) {
            throw Args.bad(
                    spec, "--digit: at most " + SampleRequest.MAX_COUNT + " digits at once, got " + digits.length);
        }
        int most = SampleRequest.MAX_COUNT / digits.length;
        int perDigit = Args.given(spec, "--n") ? count : Math.min(8, most);
        if (perDigit > most) {
            throw Args.bad(
                    spec,
                    String.format(
                            "--n %d per digit for %d digits is %d images; at most %d: use --n %d or fewer",
                            perDigit, digits.length, perDigit * digits.length, SampleRequest.MAX_COUNT, most));
        }
        return SampleRequest.rowsOf(digits, perDigit);
    }
}
