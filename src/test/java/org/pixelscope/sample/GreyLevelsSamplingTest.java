package org.pixelscope.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pixelscope.model.GatedPixelCnnSpec;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.TestWeights;

/** Sampling PixelCNNs with K grey levels: the cached samplers against the whole network, the same draws, the categorical. */
class GreyLevelsSamplingTest {

    static final PixelCnnSpec MASKED = new PixelCnnSpec("masked-small", "test", 6, 7, 5, 5, 2, 3, false);
    static final PixelCnnSpec RESIDUAL = new PixelCnnSpec("residual-small", "test", 6, 7, 5, 3, 2, 3, true);
    static final GatedPixelCnnSpec GATED = new GatedPixelCnnSpec("gated-small", "test", 6, 7, 4, 5, 3, 3);
    static final GatedPixelCnnSpec CONDITIONAL = new GatedPixelCnnSpec("cond-small", "test", 6, 7, 4, 5, 2, 3, 3);

    static Stream<Arguments> models() {
        return Stream.of(MASKED, RESIDUAL, GATED, CONDITIONAL)
                .flatMap(s -> Stream.of(Arguments.of(s, 4), Arguments.of(s, 16)));
    }

    private static PixelModel model(ModelSpec spec, int levels) {
        PixelModel model = TestWeights.withBiases(NetworkBuilder.build(spec.withLevels(levels), 5, 1e-3));
        return spec.classes() > 0 ? model.given(0, 2, 1) : model;
    }

    @ParameterizedTest
    @MethodSource("models")
    void theCachedSamplerGivesTheWholeNetworksDistributionAtEveryPixel(ModelSpec spec, int levels) {
        PixelModel model = model(spec, levels);
        assertThat(SamplerKind.fastest(model.spec())).isEqualTo(SamplerKind.CACHED);
        EveryPixel.assertMatchesWholeNetwork(model, SamplerKind.CACHED.create(model), 31);
    }

    @ParameterizedTest
    @MethodSource("models")
    void everySamplerDrawsTheSameLevelsForASeed(ModelSpec spec, int levels) {
        PixelModel model = model(spec, levels);
        SampleRequest request = SampleRequest.fresh(3, 11, 1.0);
        SampleTrace naive = sample(SamplerKind.NAIVE, model, request);
        SampleTrace cropped = sample(SamplerKind.CROPPED, model, request);
        SampleTrace cached = sample(SamplerKind.CACHED, model, request);
        int distinct = 0;
        for (int i = 0; i < 3; i++) {
            assertThat(cropped.image(i)).containsExactly(naive.image(i));
            assertThat(cached.image(i)).containsExactly(naive.image(i));
            distinct += (int)
                    java.util.Arrays.stream(box(naive.image(i))).distinct().count();
        }
        assertThat(distinct).as("levels drawn: more than black and white").isGreaterThan(2 * 3);
        for (int k = 0; k < naive.pixelsPerImage(); k++) {
            PixelStep step = cached.step(1, k);
            assertThat(step.categorical()).isTrue();
            assertThat(step.distribution()).hasSize(levels);
            double sum = 0;
            for (float p : step.distribution()) {
                sum += p;
            }
            assertThat(sum).as("sum of p(x = v) at pixel %d", k).isCloseTo(1.0, within(1e-5));
            assertThat(step.probability()).isEqualTo(step.distribution()[step.value()]);
            assertThat((double) step.distribution()[step.value()])
                    .isCloseTo(naive.step(1, k).distribution()[step.value()], within(1e-5));
        }
    }

    @Test
    void aCompletionKeepsItsLevelsAndTheTemperatureSharpensTheCategorical() {
        PixelModel model = model(MASKED, 16);
        int n = MASKED.height() * MASKED.width();
        float[] prefix = new float[2 * n];
        for (int j = 0; j < prefix.length; j++) {
            prefix[j] = j % 16;
        }
        SampleTrace trace = sample(SamplerKind.CACHED, model, new SampleRequest(2, 3, 0.5, prefix, 2));
        for (int k = 0; k < 2 * MASKED.width(); k++) {
            assertThat(trace.value(1, k)).isEqualTo((n + k) % 16);
            assertThat(trace.step(1, k).given()).isTrue();
        }
        double[] q = new double[4];
        RasterSampler.temper(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 0, 4, 0.5, q);
        // p^2 normalised: 0.01, 0.04, 0.09, 0.16 over 0.30
        assertThat(q[0]).isCloseTo(0.01 / 0.30, within(1e-6));
        assertThat(q[3]).isCloseTo(0.16 / 0.30, within(1e-6));
        assertThat(RasterSampler.draw(new double[] {0.25, 0.25, 0.5}, 0.0)).isZero();
        assertThat(RasterSampler.draw(new double[] {0.25, 0.25, 0.5}, 0.3)).isEqualTo(1);
        assertThat(RasterSampler.draw(new double[] {0.25, 0.25, 0.5}, 0.999999)).isEqualTo(2);
    }

    @Test
    void aTraceOfOtherLevelsIsRefused() {
        PixelModel model = model(MASKED, 4);
        SampleTrace binary = new SampleTrace(1, MASKED.height(), MASKED.width());
        assertThatThrownBy(() -> new RasterSampler(SamplerKind.CACHED)
                        .sample(model, SampleRequest.fresh(1, 1, 1.0), binary, () -> false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void levelsRenderAsGreys() {
        assertThat(SampleImages.grey(0, 2)).isEqualTo(0x000000);
        assertThat(SampleImages.grey(1, 2)).isEqualTo(0xFFFFFF);
        assertThat(SampleImages.grey(15, 16)).isEqualTo(0xFFFFFF);
        assertThat(SampleImages.grey(5, 16)).isEqualTo(0x555555);
    }

    private static SampleTrace sample(SamplerKind kind, PixelModel model, SampleRequest request) {
        SampleTrace trace = SampleTrace.of(model, request.count());
        new RasterSampler(kind).sample(model, request, trace, () -> false);
        assertThat(trace.complete()).isTrue();
        return trace;
    }

    private static Float[] box(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
