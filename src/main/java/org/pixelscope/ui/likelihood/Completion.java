package org.pixelscope.ui.likelihood;

import java.util.concurrent.CompletableFuture;
import org.pixelscope.data.GreyLevels;
import org.pixelscope.model.PixelModel;
import org.pixelscope.sample.RasterSampler;
import org.pixelscope.sample.SampleRequest;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.sample.SamplerKind;
import org.pixelscope.ui.AppContext;

/**
 * The model finishes an image: the top rows are kept and the rest is drawn pixel by pixel in
 * raster order by the {@link RasterSampler} with the fastest exact sampler for the model, at
 * temperature 1, as the Sample view completes a test image. Runs on a snapshot of the weights
 * (so a long draw never holds the session's model, and a training run goes on meanwhile), which
 * it closes when done.
 *
 * <p>Thread: {@link #of} from any thread; the sampler runs on a worker.
 */
final class Completion {

    private Completion() {}

    /**
     * The completed image, {@code H * W} values 0/1 in raster order (network inputs {@code l / (K - 1)}
     * for a model with K grey levels, as {@code image} is); completes on a worker.
     *
     * @param image    the image whose top rows are kept, the model's size
     * @param keptRows rows kept, 1 to H - 1
     * @param seed     fixes the draws: the same seed completes the same image alike
     */
    static CompletableFuture<float[]> of(AppContext ctx, float[] image, int keptRows, long seed) {
        return ctx.session().snapshot().thenCompose(copy -> ctx.jobs().submit(() -> draw(copy, image, keptRows, seed)));
    }

    private static float[] draw(PixelModel copy, float[] image, int keptRows, long seed) {
        try (copy) {
            int h = copy.spec().height();
            int w = copy.spec().width();
            if (image.length != h * w) {
                throw new IllegalArgumentException("the image has " + image.length + " pixels, but "
                        + copy.spec().name() + " draws " + h + "x" + w);
            }
            int rows = Math.max(1, Math.min(h - 1, keptRows));
            GreyLevels levels = new GreyLevels(copy.levels());
            float[] prefix = new float[image.length];
            for (int k = 0; k < prefix.length; k++) {
                prefix[k] = levels.levelOf(image[k]);
            }
            SampleTrace trace = new SampleTrace(1, h, w, 1, levels.levels());
            new RasterSampler(SamplerKind.fastest(copy.spec()))
                    .sample(copy, new SampleRequest(1, seed, 1.0, prefix, rows), trace, () -> false);
            float[] drawn = trace.image(0);
            for (int k = 0; k < drawn.length; k++) {
                drawn[k] = levels.input((int) drawn[k]);
            }
            return drawn;
        }
    }
}
