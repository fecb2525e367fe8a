package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.pixelscope.data.BatchLabels;
import org.pixelscope.data.GreyLevels;
import org.pixelscope.train.Metrics;

/** PixelCNNs with K grey levels: a softmax per pixel, still autoregressive, trainable, persisted. */
class GreyLevelsModelTest {

    static final PixelCnnSpec MASKED = new PixelCnnSpec("masked-small", "test", 7, 7, 6, 5, 2, 3, false);
    static final PixelCnnSpec RESIDUAL = new PixelCnnSpec("residual-small", "test", 7, 7, 6, 5, 2, 3, true);
    static final GatedPixelCnnSpec GATED = new GatedPixelCnnSpec("gated-small", "test", 7, 7, 4, 5, 3, 3);
    static final GatedPixelCnnSpec CONDITIONAL = new GatedPixelCnnSpec("cond-small", "test", 7, 7, 4, 5, 3, 3, 3);

    static Stream<Arguments> models() {
        return Stream.of(MASKED, RESIDUAL, GATED, CONDITIONAL)
                .flatMap(s -> Stream.of(Arguments.of(s, 4), Arguments.of(s, 16)));
    }

    /** {@code n} images of random levels 0..K-1, as network inputs l / (K - 1). */
    static INDArray images(int n, ModelSpec spec, int levels, long seed) {
        GreyLevels grey = new GreyLevels(levels);
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[n * spec.height() * spec.width()];
        for (int i = 0; i < x.length; i++) {
            x[i] = grey.input(rnd.nextInt(levels));
        }
        return Nd4j.create(x, new long[] {n, 1, spec.height(), spec.width()}, 'c');
    }

    /** {@code n} images whose level grows from left to right and shifts by one per image: something to learn. */
    static INDArray ramps(int n, ModelSpec spec, int levels) {
        GreyLevels grey = new GreyLevels(levels);
        int h = spec.height();
        int w = spec.width();
        float[] x = new float[n * h * w];
        for (int i = 0; i < x.length; i++) {
            int col = i % w;
            x[i] = grey.input(Math.min(levels - 1, (col + i / (h * w)) * levels / (w + n)));
        }
        return Nd4j.create(x, new long[] {n, 1, h, w}, 'c');
    }

    @ParameterizedTest
    @MethodSource("models")
    void eachPixelsDistributionOverTheLevelsSumsToOne(ModelSpec spec, int levels) {
        PixelModel model = TestWeights.withBiases(NetworkBuilder.build(spec.withLevels(levels), 3, 1e-3));
        INDArray x = images(2, spec, levels, 5);
        INDArray p = spec.classes() > 0 ? model.given(1, 2).probabilities(x) : model.probabilities(x);
        assertThat(p.shape()).containsExactly(2, levels, spec.height(), spec.width());
        INDArray sums = p.sum(1);
        assertThat(sums.minNumber().doubleValue()).isCloseTo(1.0, within(1e-5));
        assertThat(sums.maxNumber().doubleValue()).isCloseTo(1.0, within(1e-5));
        assertThat(p.minNumber().doubleValue()).isGreaterThan(0.0);
    }

    @ParameterizedTest
    @MethodSource("models")
    void isAutoregressive(ModelSpec spec, int levels) {
        PixelModel model = TestWeights.withBiases(NetworkBuilder.build(spec.withLevels(levels), 4, 1e-3));
        Causality.assertAutoregressive(spec.classes() > 0 ? model.given(2) : model, 19);
    }

    /** The unbound conditional model's label mixture is a distribution over the levels too, and autoregressive. */
    @Test
    void theLabelMixtureOfAConditionalModelIsACategoricalToo() {
        PixelModel model = TestWeights.withBiases(NetworkBuilder.build(CONDITIONAL.withLevels(4), 4, 1e-3));
        INDArray p = model.probabilities(images(2, CONDITIONAL, 4, 8));
        assertThat(p.sum(1).minNumber().doubleValue()).isCloseTo(1.0, within(1e-5));
        assertThat(p.sum(1).maxNumber().doubleValue()).isCloseTo(1.0, within(1e-5));
        Causality.assertAutoregressive(model, 23);
    }

    /** The loss DL4J minimises is the NLL in nats per image that Metrics reports: the same scale for every K. */
    @ParameterizedTest
    @ValueSource(ints = {2, 4, 16})
    void theTrainingLossIsTheNllInNatsPerImage(int levels) {
        PixelModel model = NetworkBuilder.build(MASKED.withLevels(levels), 6, 1e-3);
        INDArray x = images(3, MASKED, levels, 9);
        double before = Metrics.totalNats(model.probabilities(x), x) / 3;
        model.fit(new DataSet(x, x.dup()));
        assertThat(model.score()).isCloseTo(before, within(1e-3 * before));
        // about ln K per pixel from a fresh network
        assertThat(before / 49).isCloseTo(Math.log(levels), within(0.5 * Math.log(levels)));
    }

    @ParameterizedTest
    @MethodSource("models")
    void aTinyModelLearnsAFewImages(ModelSpec spec, int levels) {
        PixelModel model = NetworkBuilder.build(spec.withLevels(levels), 7, 1e-2);
        INDArray x = ramps(4, spec, levels);
        DataSet batch = new DataSet(x, x.dup());
        if (spec.classes() > 0) {
            BatchLabels.attach(batch, new int[] {0, 1, 2, 0});
        }
        double first = Metrics.totalNats(model.probabilities(batch), x);
        for (int step = 0; step < 15; step++) {
            model.fit(batch);
        }
        double last = Metrics.totalNats(model.probabilities(batch), x);
        assertThat(last).isLessThan(0.9 * first);
    }

    @Test
    void theOutputLayerGivesKLogitsAndTheMasksStayThoseOfTheBinaryModel() {
        PixelModel binary = NetworkBuilder.build(MASKED, 1, 1e-3);
        PixelModel grey = NetworkBuilder.build(MASKED.withLevels(16), 1, 1e-3);
        // only the 1x1 output grows: 6 maps -> 16 logits instead of 6 -> 1
        assertThat(grey.parameterCount() - binary.parameterCount()).isEqualTo(15L * 6 + 15);
        assertThat(MaskedLayer.of(grey.network(), LayerNames.FIRST_CONV)
                        .orElseThrow()
                        .mask(MaskedConv2D.WEIGHT))
                .isEqualTo(MaskedLayer.of(binary.network(), LayerNames.FIRST_CONV)
                        .orElseThrow()
                        .mask(MaskedConv2D.WEIGHT));
    }

    @Test
    void levelsTravelInTheSpecJsonAndBinarySpecsReadAsBefore() {
        String binary = ModelSpecs.toJson(PixelCnnSpec.chapter());
        assertThat(binary).doesNotContain("levels");
        assertThat(ModelSpecs.fromJson(binary).levels()).isEqualTo(2);
        ModelSpec grey = PixelCnnSpec.chapter().withLevels(16);
        assertThat(ModelSpecs.toJson(grey)).contains("\"levels\" : 16");
        assertThat(ModelSpecs.fromJson(ModelSpecs.toJson(grey))).isEqualTo(grey);
        ModelSpec gated = GatedPixelCnnSpec.conditional().withLevels(4);
        assertThat(ModelSpecs.fromJson(ModelSpecs.toJson(gated))).isEqualTo(gated);
        assertThat(gated.withSize(10, 10).levels()).isEqualTo(4);
        assertThatThrownBy(() -> ModelSpecs.fromJson(ModelSpecs.toJson(grey).replace("16", "300")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grey levels must be 2 to 256, got 300");
    }

    @Test
    void thePixelRnnFamiliesRefuseGreyLevels() {
        ModelSpec rowLstm = ModelSpecs.require("pixelrnn-row-lstm");
        assertThat(rowLstm.withLevels(2)).isSameAs(rowLstm);
        assertThatThrownBy(() -> rowLstm.withLevels(4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grey levels are available on the PixelCNN families");
        assertThatThrownBy(() -> PixelCnnSpec.chapter().withLevels(1))
                .hasMessageContaining("grey levels must be 2 to 256, got 1");
    }
}
