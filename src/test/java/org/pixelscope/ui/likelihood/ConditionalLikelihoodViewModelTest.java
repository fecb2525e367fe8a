package org.pixelscope.ui.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.GatedPixelCnnSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.TestWeights;
import org.pixelscope.train.Classification;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.JobRunner;
import org.pixelscope.ui.ModelSession;
import org.pixelscope.ui.StatusModel;
import org.pixelscope.ui.TestAutosave;

/**
 * The view model's ten likelihoods for a tiny class-conditional Gated PixelCNN (28x28, 4 maps, 2
 * layers, random biases so that the labels differ), without a toolkit: every job runs on the test
 * thread, so each call has published its result when it returns.
 */
class ConditionalLikelihoodViewModelTest {

    static final GatedPixelCnnSpec TINY = new GatedPixelCnnSpec("tiny-conditional", "test", 28, 28, 4, 3, 2, 3, 10);
    static final GatedPixelCnnSpec TINY_PLAIN = new GatedPixelCnnSpec("tiny-plain", "test", 28, 28, 4, 3, 2, 3);

    /**
     * The view scores the ten labels in one batch, Classification in ten passes of one image: the
     * same arithmetic (equal to the last bit on the machine the test was written on), but a
     * back end may pick another kernel for another batch size.
     */
    private static final double BATCH = 1e-3;

    private static ModelSession session;

    private final List<String> errors = new ArrayList<>();

    @BeforeAll
    static void open() throws Exception {
        session = new ModelSession(JobRunner.direct(), MnistData.defaultDir(), TestAutosave.folder());
        session.create(TINY, 11).get();
        session.read(TestWeights::withBiases).get();
    }

    private LikelihoodViewModel viewModel(ModelSession s) {
        return new LikelihoodViewModel(
                new AppContext(s, new StatusModel(), (title, message) -> errors.add(title + ": " + message)),
                1,
                Duration.ZERO);
    }

    /** What {@code eval --classify} computes for the image. */
    private static double[] reference(float[] image) throws Exception {
        return session.read(m ->
                        Classification.logLikelihoods(m, Nd4j.create(image.clone(), new long[] {1, 1, 28, 28}))[0])
                .get();
    }

    private static LikelihoodMap map(float[] image, int digit) throws Exception {
        return session.read(m -> LikelihoodMap.of(digit < 0 ? m : m.given(digit), image))
                .get();
    }

    @Test
    void theTenLikelihoodsOfATestImageAreTheClassifiersAndThePosteriorSumsToOne() throws Exception {
        LikelihoodViewModel vm = viewModel(session);
        vm.showTest(3);
        assertThat(vm.classesProperty().get()).isEqualTo(10);
        ClassPosterior p = vm.posteriorProperty().get();
        assertThat(p).as(vm.messageProperty().get()).isNotNull();
        double[] ll = reference(vm.imageProperty().get());
        assertThat(p.logLikelihoods()).containsExactly(ll, within(BATCH));
        assertThat(Arrays.stream(ll).max().orElseThrow()
                        - Arrays.stream(ll).min().orElseThrow())
                .as("the labels give different likelihoods")
                .isGreaterThan(1e-2);
        assertThat(Arrays.stream(p.posterior()).sum()).isCloseTo(1, within(1e-9));
        for (int y = 0; y < 10; y++) {
            assertThat(p.nats(y)).isEqualTo(-ll[y]);
            // Bayes' rule with a uniform prior: posterior ratios are likelihood ratios
            assertThat(Math.log(p.posterior()[y] / p.posterior()[0])).isCloseTo(ll[y] - ll[0], within(1e-6));
        }
        assertThat(p.predicted()).isEqualTo(Classification.predicted(ll));
        assertThat(p.posterior()[p.predicted()])
                .isEqualTo(Arrays.stream(p.posterior()).max().orElseThrow());
        assertThat(errors).isEmpty();
    }

    @Test
    void theMapIsGivenTheTrueLabelTheMixtureOrAChosenDigit() throws Exception {
        LikelihoodViewModel vm = viewModel(session);
        vm.showTest(3);
        float[] image = vm.imageProperty().get();
        int label = vm.labelProperty().get();
        ClassPosterior p = vm.posteriorProperty().get();
        assertThat(vm.givenDigitProperty().get()).isEqualTo(ImageScore.GIVEN_TRUE_LABEL);
        assertThat(vm.mapDigitProperty().get()).isEqualTo(label);
        assertThat(vm.mapProperty().get().nats())
                .containsExactly(map(image, label).nats(), within(1e-5));
        // Classification sums each image's nats in float: a few thousandths over ~600 nats
        assertThat(vm.mapProperty().get().total()).isCloseTo(p.nats(label), within(1e-2));

        vm.givenDigitProperty().set(ImageScore.GIVEN_MIXTURE);
        assertThat(vm.mapDigitProperty().get()).isEqualTo(-1);
        assertThat(vm.mapProperty().get().nats()).containsExactly(map(image, -1).nats(), within(1e-12));
        // the mixture's conditionals multiply to sum_y p(y) p(x | y)
        assertThat(vm.mapProperty().get().total()).isCloseTo(p.marginalNats(), within(1e-2));

        int other = (label + 1) % 10;
        vm.givenDigitProperty().set(other);
        assertThat(vm.mapDigitProperty().get()).isEqualTo(other);
        assertThat(vm.mapProperty().get().total()).isCloseTo(p.nats(other), within(1e-2));
        assertThat(vm.posteriorProperty().get().logLikelihoods()).containsExactly(p.logLikelihoods());
        assertThat(errors).isEmpty();
    }

    @Test
    void drawingRecomputesTheTenLikelihoodsOfTheDrawing() throws Exception {
        LikelihoodViewModel vm = viewModel(session);
        vm.showTest(0);
        ClassPosterior before = vm.posteriorProperty().get();
        vm.startFromTest();
        vm.paint(new int[] {20 * 28 + 3, 20 * 28 + 4, 20 * 28 + 5, 21 * 28 + 5}, true);
        assertThat(vm.sourceProperty().get()).isEqualTo(LikelihoodViewModel.Source.DRAWN);
        ClassPosterior after = vm.posteriorProperty().get();
        assertThat(after.logLikelihoods()).isNotEqualTo(before.logLikelihoods());
        assertThat(after.logLikelihoods())
                .containsExactly(reference(vm.imageProperty().get()), within(BATCH));
        // a drawing has no label: "true label" maps the mixture
        assertThat(vm.labelProperty().get()).isEqualTo(-1);
        assertThat(vm.mapDigitProperty().get()).isEqualTo(-1);
        assertThat(vm.mapProperty().get().total()).isCloseTo(after.marginalNats(), within(1e-2));
        assertThat(errors).isEmpty();
    }

    @Test
    void anUnconditionalModelHasNoLikelihoodsPerLabel() throws Exception {
        ModelSession own = new ModelSession(JobRunner.direct(), MnistData.defaultDir(), TestAutosave.folder());
        own.create(TINY_PLAIN, 3).get();
        LikelihoodViewModel vm = viewModel(own);
        vm.givenDigitProperty().set(4);
        assertThat(vm.mapProperty().get()).as(vm.messageProperty().get()).isNotNull();
        assertThat(vm.classesProperty().get()).isZero();
        assertThat(vm.posteriorProperty().get()).isNull();
        assertThat(vm.mapDigitProperty().get()).isEqualTo(-1);
        PixelModel conditional = own.create(TINY, 11).get();
        assertThat(vm.classesProperty().get()).isEqualTo(10);
        assertThat(vm.posteriorProperty().get()).isNotNull();
        assertThat(vm.mapDigitProperty().get()).isEqualTo(4);
        own.create(TINY_PLAIN, 3).get();
        assertThat(vm.posteriorProperty().get()).as("hidden again").isNull();
        assertThat(conditional.conditional()).isTrue();
        assertThat(errors).isEmpty();
    }
}
