package org.pixelscope.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.TestImages;

/** The raster sampler: reproducibility, the cropped and cached samplers against the naive one, completion, control. */
class RasterSamplerTest {

    private static final int H = 10;
    private static final int W = 10;
    private static final PixelModel SMALL =
            NetworkBuilder.build(PixelCnnSpec.chapter().withSize(H, W), 2, 1e-3);
    private static final PixelModel CHAPTER = NetworkBuilder.build(PixelCnnSpec.chapter(), 3, 1e-3);
    private static final RasterSampler CROPPED = new RasterSampler(SamplerKind.CROPPED);
    private static final RasterSampler NAIVE = new RasterSampler(SamplerKind.NAIVE);
    /** One complete unconditional run of the small model, shared by the tests that only read it. */
    private static final SampleRequest FRESH_REQUEST = SampleRequest.fresh(3, 5, 0.8);

    private static final SampleTrace FRESH = sample(CROPPED, SMALL, FRESH_REQUEST);

    @Test
    void theSameSeedDrawsTheSameImagesAndAnotherSeedOthers() {
        SampleTrace again = sample(CROPPED, SMALL, FRESH_REQUEST);
        for (int i = 0; i < FRESH.count(); i++) {
            assertThat(again.image(i)).containsExactly(FRESH.image(i));
            assertThat(probabilities(again, i)).containsExactly(probabilities(FRESH, i));
        }
        SampleTrace other = new SampleTrace(FRESH.count(), H, W);
        CROPPED.sample(
                SMALL,
                SampleRequest.fresh(FRESH.count(), FRESH_REQUEST.seed() + 1, FRESH_REQUEST.temperature()),
                other,
                () -> other.cursor() >= 3 * W);
        int differ = 0;
        for (int i = 0; i < FRESH.count(); i++) {
            for (int k = 0; k < 3 * W; k++) {
                differ += other.value(i, k) != FRESH.value(i, k) ? 1 : 0;
            }
        }
        assertThat(differ)
                .as("pixels of the first 3 rows that another seed draws differently")
                .isPositive();
    }

    /**
     * The faster sampler equals the naive one: the chapter model at 28x28, 4 images. Every pixel's
     * probability from the row band the cropped sampler runs equals the full-image one, and both
     * samplers draw the same pixels over the rows where the band changes from anchored at the top
     * to sliding. (A full 784-step run of both samplers costs about 2 minutes on 2 cores; the
     * small model below compares complete images.)
     */
    @Test
    void croppedAndNaiveSamplersAgreeOnTheChapterModel() {
        int h = 28;
        int context = CHAPTER.spec().contextRows();
        assertThat(context).isEqualTo(8);
        INDArray x = TestImages.binary(4, h, h, 9);
        INDArray full = CHAPTER.probabilities(x);
        for (int row = 0; row < h; row++) {
            int top = Math.max(0, row - context);
            INDArray band = x.get(
                            NDArrayIndex.all(),
                            NDArrayIndex.all(),
                            NDArrayIndex.interval(top, row + 1),
                            NDArrayIndex.all())
                    .dup();
            INDArray fromBand = CHAPTER.croppedProbabilities(band)
                    .get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(row - top), NDArrayIndex.all());
            INDArray fromFull =
                    full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(row), NDArrayIndex.all());
            double diff = fromBand.sub(fromFull).amaxNumber().doubleValue();
            assertThat(diff).as("row %d, band rows %d..%d", row, top, row).isLessThan(1e-5);
        }

        // keep rows 0..7 of random images and draw rows 8 and 9: the band for row 8 starts at row 0,
        // the one for row 9 at row 1
        float[] prefix = new float[4 * h * h];
        SplittableRandom rnd = new SplittableRandom(4);
        for (int i = 0; i < prefix.length; i++) {
            prefix[i] = rnd.nextInt(2);
        }
        SampleRequest request = new SampleRequest(4, 13, 1.0, prefix, 8);
        int stop = 10 * h;
        SampleTrace naive = new SampleTrace(4, h, h);
        SampleTrace cropped = new SampleTrace(4, h, h);
        NAIVE.sample(CHAPTER, request, naive, () -> naive.cursor() >= stop);
        CROPPED.sample(CHAPTER, request, cropped, () -> cropped.cursor() >= stop);
        assertThat(naive.cursor()).isEqualTo(stop);
        assertThat(cropped.cursor()).isEqualTo(stop);
        int ones = 0;
        for (int i = 0; i < 4; i++) {
            assertThat(cropped.image(i)).as("image %d", i).containsExactly(naive.image(i));
            for (int k = 8 * h; k < stop; k++) {
                assertThat(cropped.step(i, k).probability())
                        .isCloseTo(naive.step(i, k).probability(), within(1e-5));
                ones += naive.value(i, k);
            }
        }
        assertThat(ones).as("drawn ones among %d pixels", 4 * 2 * h).isBetween(1, 4 * 2 * h - 1);
    }

    @Test
    void naiveCroppedAndCachedDrawTheSameFullImagesOnASmallModel() {
        assertThat(SMALL.spec().contextRows()).isLessThan(H);
        SampleRequest request = SampleRequest.fresh(2, 21, 1.0);
        SampleTrace naive = sample(NAIVE, SMALL, request);
        SampleTrace cropped = sample(CROPPED, SMALL, request);
        SampleTrace cached = sample(new RasterSampler(SamplerKind.CACHED), SMALL, request);
        for (int i = 0; i < 2; i++) {
            assertThat(cropped.image(i)).containsExactly(naive.image(i));
            assertThat(cached.image(i)).containsExactly(naive.image(i));
            for (int k = 0; k < H * W; k++) {
                assertThat(cached.step(i, k).probability())
                        .isCloseTo(naive.step(i, k).probability(), within(1e-5));
            }
        }
    }

    @Test
    void cachedAndNaiveSamplersDrawTheSameOnTheChapterModel() {
        float[] prefix = new float[2 * 28 * 28];
        SplittableRandom rnd = new SplittableRandom(6);
        for (int i = 0; i < prefix.length; i++) {
            prefix[i] = rnd.nextInt(2);
        }
        SampleRequest request = new SampleRequest(2, 17, 1.0, prefix, 12);
        int stop = 14 * 28;
        SampleTrace naive = new SampleTrace(2, 28, 28);
        SampleTrace cached = new SampleTrace(2, 28, 28);
        NAIVE.sample(CHAPTER, request, naive, () -> naive.cursor() >= stop);
        new RasterSampler(SamplerKind.CACHED).sample(CHAPTER, request, cached, () -> cached.cursor() >= stop);
        assertThat(cached.cursor()).isEqualTo(stop);
        for (int i = 0; i < 2; i++) {
            assertThat(cached.image(i)).as("image %d", i).containsExactly(naive.image(i));
            for (int k = 12 * 28; k < stop; k++) {
                assertThat(cached.step(i, k).probability())
                        .isCloseTo(naive.step(i, k).probability(), within(1e-5));
            }
        }
    }

    @Test
    void completionKeepsThePrefixRowsAndStartsAfterThem() {
        int kept = 4;
        float[] prefix = new float[2 * H * W];
        SplittableRandom rnd = new SplittableRandom(8);
        for (int i = 0; i < prefix.length; i++) {
            prefix[i] = rnd.nextInt(2);
        }
        SampleTrace trace = new SampleTrace(2, H, W);
        AtomicInteger firstCursor = new AtomicInteger(-1);
        CROPPED.sample(SMALL, new SampleRequest(2, 3, 1.0, prefix, kept), trace, () -> {
            firstCursor.compareAndSet(-1, trace.cursor());
            return false;
        });
        assertThat(firstCursor).hasValue(kept * W);
        assertThat(trace.start()).isEqualTo(kept * W);
        assertThat(trace.complete()).isTrue();
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < H * W; k++) {
                PixelStep step = trace.step(i, k);
                if (k < kept * W) {
                    assertThat(step.value())
                            .as("kept pixel %d of image %d", k, i)
                            .isEqualTo((int) prefix[i * H * W + k]);
                    assertThat(step.given()).isTrue();
                } else {
                    assertThat(step.given()).isFalse();
                }
            }
        }
    }

    @Test
    void temperatureSharpensBelowOneAndFlattensAboveOne() {
        for (double p : new double[] {0.02, 0.3, 0.7, 0.98}) {
            assertThat(RasterSampler.temper(p, 1.0)).isEqualTo(p);
            double cold = RasterSampler.temper(p, 0.5);
            double hot = RasterSampler.temper(p, 2.0);
            assertThat(Math.abs(cold - 0.5))
                    .as("T=0.5 moves %s away from 0.5", p)
                    .isGreaterThan(Math.abs(p - 0.5));
            assertThat(Math.signum(cold - 0.5)).isEqualTo(Math.signum(p - 0.5));
            assertThat(Math.abs(hot - 0.5)).as("T=2 moves %s towards 0.5", p).isLessThan(Math.abs(p - 0.5));
            assertThat(Math.signum(hot - 0.5)).isEqualTo(Math.signum(p - 0.5));
        }
        assertThat(RasterSampler.temper(0.5, 0.3)).isCloseTo(0.5, within(1e-12));
        // sigmoid(logit(p) / T): logit(0.8) = ln 4, halved at T = 2 -> p = 2/3
        assertThat(RasterSampler.temper(0.8, 2.0)).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void traceStepsDescribeEachDrawnPixel() {
        assertThat(FRESH.complete()).isTrue();
        assertThat(FRESH.start()).isZero();
        int ones = 0;
        for (int i = 0; i < FRESH.count(); i++) {
            for (int k = 0; k < H * W; k++) {
                PixelStep step = FRESH.step(i, k);
                assertThat(step.image()).isEqualTo(i);
                assertThat(step.row()).isEqualTo(k / W);
                assertThat(step.col()).isEqualTo(k % W);
                assertThat(step.probability()).isBetween(0.0, 1.0);
                assertThat(step.value()).isIn(0, 1).isEqualTo(FRESH.value(i, k));
                assertThat(step.given()).isFalse();
                ones += step.value();
            }
        }
        assertThat(ones).as("ones drawn").isBetween(1, FRESH.count() * H * W - 1);
    }

    @Test
    void cancellationStopsEarly() {
        SampleTrace trace = new SampleTrace(2, H, W);
        CROPPED.sample(SMALL, SampleRequest.fresh(2, 1, 1.0), trace, () -> trace.cursor() >= 15);
        assertThat(trace.cursor()).isEqualTo(15).isLessThan(H * W);
        assertThat(trace.complete()).isFalse();
        assertThat(trace.step(0, 14).given()).as("drawn pixel").isFalse();
        assertThatThrownBy(() -> trace.step(0, 15))
                .as("undrawn pixel")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not drawn yet");
    }

    @Test
    void invalidRequestsAreRejected() {
        assertThatThrownBy(() -> SampleRequest.fresh(0, 1, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..64");
        assertThatThrownBy(() -> SampleRequest.fresh(65, 1, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleRequest.fresh(1, 1, 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temperature");
        assertThatThrownBy(() -> SampleRequest.fresh(1, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SampleRequest(1, 1, 1.0, new float[H * W], -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SampleRequest(1, 1, 1.0, null, 3)).isInstanceOf(IllegalArgumentException.class);
        SampleRequest wrongPrefix = new SampleRequest(1, 1, 1.0, new float[7], 2);
        assertThatThrownBy(() -> CROPPED.sample(SMALL, wrongPrefix, new SampleTrace(1, H, W), () -> false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix");
        assertThatThrownBy(() ->
                        CROPPED.sample(SMALL, SampleRequest.fresh(2, 1, 1.0), new SampleTrace(1, H, W), () -> false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SampleTrace sample(RasterSampler sampler, PixelModel model, SampleRequest request) {
        SampleTrace trace = new SampleTrace(
                request.count(), model.spec().height(), model.spec().width());
        sampler.sample(model, request, trace, () -> false);
        return trace;
    }

    private static float[] probabilities(SampleTrace trace, int image) {
        float[] p = new float[trace.pixelsPerImage()];
        for (int k = 0; k < p.length; k++) {
            p[k] = (float) trace.step(image, k).probability();
        }
        return p;
    }

    private static float[] concat(SampleTrace trace) {
        float[] all = new float[trace.count() * trace.pixelsPerImage()];
        for (int i = 0; i < trace.count(); i++) {
            System.arraycopy(trace.image(i), 0, all, i * trace.pixelsPerImage(), trace.pixelsPerImage());
        }
        return all;
    }
}
