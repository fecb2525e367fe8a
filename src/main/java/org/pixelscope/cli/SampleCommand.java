package org.pixelscope.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pixelscope.data.Binarization;
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
@Command(name = "sample", description = "Generate images in raster order from a checkpoint and save a PNG grid.")
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
            description = "Images, 1-" + SampleRequest.MAX_COUNT + " (default: ${DEFAULT-VALUE}).")
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

    @Mixin
    DataOption data;

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
        int cols = (int) Math.ceil(Math.sqrt(count));
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
            float[] prefix = Binarization.STOCHASTIC.binarize(test, 0, count, Binarization.FIXED_TEST_SEED);
            request = new SampleRequest(count, seed, temperature, prefix, completeRows);
        } else {
            request = SampleRequest.fresh(count, seed, temperature);
        }
        SampleTrace trace = new SampleTrace(count, h, w);
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
                        "Wrote %d images (%d pixels each, %.1f s) to %s%n",
                        count, (trace.pixelsPerImage() - trace.start()), seconds, out);
        return 0;
    }
}
