package org.pixelscope.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pixelscope.data.Binarization;
import org.pixelscope.data.ImageSet;
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

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--checkpoint", paramLabel = "FILE", required = true, description = "Checkpoint zip.")
    Path checkpoint;

    @Option(names = "--n", defaultValue = "16", description = "Images, 1-64 (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "PNG to write.")
    Path out;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Below 1 sharpens, above 1 flattens (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--complete-rows", paramLabel = "K", defaultValue = "0",
            description = "Keep the top K rows of the first N test images and generate the rest.")
    int completeRows;

    @Option(names = "--scale", defaultValue = "4", description = "Screen pixels per image pixel (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--naive", description = "Re-run the whole network per pixel (the reference sampler).")
    boolean naive;

    @Mixin
    DataOption data;

    @Override
    public Integer call() throws Exception {
        PixelModel model = Checkpoints.load(checkpoint).model();
        int h = model.spec().height();
        int w = model.spec().width();
        if (completeRows < 0 || completeRows > h) {
            throw new IllegalArgumentException("--complete-rows must be 0.." + h + ", got " + completeRows);
        }
        SampleRequest request;
        if (completeRows > 0) {
            ImageSet test = data.load().test();
            if (test.rows() != h || test.cols() != w) {
                throw new IllegalArgumentException("test images are " + test.rows() + "x" + test.cols()
                        + " but the model draws " + h + "x" + w);
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
        SampleImages.writePng(SampleImages.grid(trace, scale), out);
        spec.commandLine().getOut().printf("Wrote %d images (%d pixels each, %.1f s) to %s%n",
                count, (trace.pixelsPerImage() - trace.start()), seconds, out);
        return 0;
    }
}
