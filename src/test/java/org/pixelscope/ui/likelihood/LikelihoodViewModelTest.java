package org.pixelscope.ui.likelihood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.train.ImageLikelihoods;
import org.pixelscope.train.MnistTraining;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.JobRunner;
import org.pixelscope.ui.ModelSession;
import org.pixelscope.ui.StatusModel;
import org.pixelscope.ui.TestAutosave;

/**
 * The view model without a toolkit, on the shipped (trained) chapter PixelCNN and the shipped
 * MNIST: every job runs on the test thread, so each call has published its result when it returns.
 */
class LikelihoodViewModelTest {

    private static final int RANKED = 60;

    private static ModelSession session;
    private static MnistData mnist;
    private static double[] reference;

    private final List<String> errors = new ArrayList<>();

    @BeforeAll
    static void open() throws Exception {
        session = new ModelSession(JobRunner.direct(), MnistData.defaultDir(), TestAutosave.folder());
        session.open(ModelSession.shippedCheckpoint()).get();
        mnist = session.mnist().get();
        // what eval and the likelihood CSV say about the first test images
        reference = session.read(m -> ImageLikelihoods.nats(m, MnistTraining.evaluation(mnist.test(), RANKED)))
                .get();
    }

    private LikelihoodViewModel viewModel(ModelSession s) {
        return new LikelihoodViewModel(
                new AppContext(s, new StatusModel(), (title, message) -> errors.add(title + ": " + message)),
                RANKED,
                Duration.ZERO);
    }

    @Test
    void theMapOfATestImageSumsToItsNllAsEvalComputesIt() {
        LikelihoodViewModel vm = viewModel(session);
        for (int image : new int[] {0, 7}) {
            vm.showTest(image);
            LikelihoodMap map = vm.mapProperty().get();
            assertThat(map)
                    .as("image %d: %s", image, vm.messageProperty().get())
                    .isNotNull();
            assertThat(vm.sourceProperty().get()).isEqualTo(LikelihoodViewModel.Source.TEST);
            assertThat(vm.labelProperty().get()).isEqualTo(mnist.testLabels()[image] & 0xFF);
            assertThat(map.size()).isEqualTo(784);
            assertThat(Arrays.stream(map.nats()).sum()).isCloseTo(map.total(), within(1e-9));
            assertThat(map.total()).isCloseTo(reference[image], within(1e-3));
            assertThat(map.bitsPerDim()).isCloseTo(map.total() / (784 * Math.log(2)), within(1e-12));
            // -log p of each pixel is the cost of its real value under the model's p(x = 1)
            for (int k = 0; k < 784; k++) {
                double p = map.p()[k];
                double own = map.pixels()[k] == 1f ? p : 1 - p;
                assertThat(map.nats()[k]).isCloseTo(-Math.log(Math.max(own, 1e-6)), within(1e-6));
            }
        }
        assertThat(vm.testCountProperty().get()).isEqualTo(mnist.test().count());
        assertThat(errors).isEmpty();
    }

    @Test
    void changingOnePixelChangesTheMapOnlyAtAndAfterItInRasterOrder() {
        LikelihoodViewModel vm = viewModel(session);
        vm.showTest(0);
        vm.startFromTest();
        assertThat(vm.sourceProperty().get()).isEqualTo(LikelihoodViewModel.Source.DRAWN);
        LikelihoodMap before = vm.mapProperty().get();
        int k = 12 * 28 + 9;
        boolean ink = before.pixels()[k] == 0f;
        vm.paint(new int[] {k}, ink);
        LikelihoodMap after = vm.mapProperty().get();
        assertThat(after).isNotSameAs(before);
        assertThat(after.pixels()[k]).isEqualTo(ink ? 1f : 0f);
        for (int j = 0; j < k; j++) {
            assertThat(after.p()[j]).as("p before pixel %d", j).isCloseTo(before.p()[j], within(1e-5f));
            assertThat(after.nats()[j]).as("cost before pixel %d", j).isCloseTo(before.nats()[j], within(1e-5));
        }
        // the pixel's own probability reads only earlier pixels; its cost is of the new value
        assertThat(after.p()[k]).isCloseTo(before.p()[k], within(1e-5f));
        assertThat(after.nats()[k]).isNotCloseTo(before.nats()[k], within(1e-3));
        long changedLater = java.util.stream.IntStream.range(k + 1, 784)
                .filter(j -> Math.abs(after.nats()[j] - before.nats()[j]) > 1e-3)
                .count();
        assertThat(changedLater).as("later pixels that see the change").isPositive();
        assertThat(after.total()).isNotCloseTo(before.total(), within(1e-3));
        assertThat(errors).isEmpty();
    }

    @Test
    void clearingGivesAnEmptyDrawingWithItsOwnMap() {
        LikelihoodViewModel vm = viewModel(session);
        vm.clear();
        LikelihoodMap empty = vm.mapProperty().get();
        assertThat(empty.pixels()).containsOnly(0f);
        assertThat(vm.labelProperty().get()).isEqualTo(-1);
        // an empty image is the most ordinary thing the model knows: far below a real digit
        assertThat(empty.total()).isLessThan(reference[0]);
        vm.eraserProperty().set(true);
        vm.paint(new int[] {0, 1, 2}, false);
        assertThat(vm.mapProperty().get().total()).isCloseTo(empty.total(), within(1e-9));
    }

    @Test
    void theModelCompletesAnImageBelowTheKeptRows() {
        LikelihoodViewModel vm = viewModel(session);
        vm.showTest(0);
        float[] original = vm.imageProperty().get();
        vm.keptRowsProperty().set(14);
        vm.complete();
        assertThat(vm.completingProperty().get()).isFalse();
        float[] completed = vm.imageProperty().get();
        assertThat(vm.sourceProperty().get()).isEqualTo(LikelihoodViewModel.Source.DRAWN);
        assertThat(Arrays.copyOf(completed, 14 * 28)).containsExactly(Arrays.copyOf(original, 14 * 28));
        assertThat(completed).isNotEqualTo(original);
        assertThat(vm.mapProperty().get().pixels()).containsExactly(completed);
        vm.complete();
        assertThat(vm.imageProperty().get()).as("a new seed each time").isNotEqualTo(completed);
        assertThat(errors).isEmpty();
    }

    @Test
    void rankingListsTheTestImagesByNllAndIsKeptForTheModel() {
        LikelihoodViewModel vm = viewModel(session);
        vm.rank();
        Ranking r = vm.rankingProperty().get();
        assertThat(r).isNotNull();
        assertThat(vm.rankingBusyProperty().get()).isFalse();
        assertThat(r.scored()).isEqualTo(RANKED);
        assertThat(r.mostLikely()).hasSize(Ranking.SHOWN);
        assertThat(r.leastLikely()).hasSize(Ranking.SHOWN);
        double[] low = r.mostLikely().stream().mapToDouble(Ranking.Entry::nats).toArray();
        double[] high =
                r.leastLikely().stream().mapToDouble(Ranking.Entry::nats).toArray();
        assertThat(low).isSorted();
        for (int i = 1; i < high.length; i++) {
            assertThat(high[i]).isLessThanOrEqualTo(high[i - 1]);
        }
        double[] sorted = reference.clone();
        Arrays.sort(sorted);
        assertThat(low[0]).isEqualTo(sorted[0]);
        assertThat(high[0]).isEqualTo(sorted[RANKED - 1]);
        for (Ranking.Entry e : r.mostLikely()) {
            assertThat(e.nats()).isEqualTo(reference[e.index()]);
            assertThat(e.label()).isEqualTo(mnist.testLabels()[e.index()] & 0xFF);
        }
        assertThat(r.meanNats()).isCloseTo(Arrays.stream(reference).average().orElseThrow(), within(1e-9));
        // clicking the least likely image shows its map, which agrees with its rank
        Ranking.Entry worst = r.leastLikely().get(0);
        vm.showTest(worst.index());
        assertThat(vm.mapProperty().get().total()).isCloseTo(worst.nats(), within(1e-3));
        assertThat(vm.mapProperty().get().pixels()).containsExactly(worst.pixels());
        vm.rank();
        assertThat(vm.rankingProperty().get()).as("kept for the same model").isSameAs(r);
        assertThat(errors).isEmpty();
    }

    @Test
    void aNewModelReranksAndRecomputesTheMap() throws Exception {
        ModelSession own = new ModelSession(JobRunner.direct(), MnistData.defaultDir(), TestAutosave.folder());
        LikelihoodViewModel vm = viewModel(own);
        assertThat(vm.mapProperty().get()).isNull();
        assertThat(vm.messageProperty().get()).contains("no model is loaded");
        vm.rank();
        assertThat(errors).singleElement().asString().contains("No model is loaded");
        errors.clear();
        own.open(ModelSession.shippedCheckpoint()).get();
        assertThat(vm.mapProperty().get().total()).isCloseTo(reference[0], within(1e-3));
        Ranking trained = vm.rankingProperty().get();
        assertThat(trained).as("ranked once the user asked").isNotNull();
        own.create(PixelCnnSpec.chapter()).get();
        Ranking untrained = vm.rankingProperty().get();
        assertThat(untrained).isNotNull().isNotSameAs(trained);
        // an untrained network says about 1/2 for every pixel: near 784 ln 2 = 543 nats per image
        assertThat(untrained.meanNats()).isGreaterThan(trained.meanNats() + 100);
        assertThat(vm.mapProperty().get().total()).isGreaterThan(reference[0] + 100);
        assertThat(errors).isEmpty();
    }
}
