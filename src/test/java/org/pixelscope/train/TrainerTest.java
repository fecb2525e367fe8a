package org.pixelscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.pixelscope.data.BinarizedIterator;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.MaskedConv2D;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.train.TrainingEvent.EpochEnd;
import org.pixelscope.train.TrainingEvent.Finished;
import org.pixelscope.train.TrainingEvent.Iteration;
import org.pixelscope.train.TrainingEvent.Outcome;
import org.pixelscope.train.TrainingEvent.Paused;
import org.pixelscope.train.TrainingEvent.Resumed;
import org.pixelscope.train.TrainingEvent.Started;

/** The trainer on the shipped MNIST: learning, events, control from listeners and threads, divergence. */
class TrainerTest {

    private static final MnistData MNIST = loadMnist();
    private static final int PIXELS = 28 * 28;

    /** The chapter's layer shapes with 16 filters and two mask-B layers: learns in a few seconds. */
    private static final PixelCnnSpec SMALL =
            new PixelCnnSpec("pixelcnn-small", "test model", 28, 28, 16, 7, 2, 3, false);
    /** The chapter's depth with 8 filters: cheap, and deep enough for a huge step to overflow. */
    private static final PixelCnnSpec TINY = new PixelCnnSpec("pixelcnn-tiny", "test model", 28, 28, 8, 7, 5, 3, false);

    private static final TrainingConfig TWO_EPOCHS =
            TrainingConfig.defaults().withLimit(300).withEpochs(2).withBatchSize(32);

    /** One two-epoch run, shared by the tests that read its events. */
    private static Metrics.Nll validationBefore;

    private static List<TrainingEvent> events;
    private static Finished end;

    @BeforeAll
    static void trainTwoEpochs() {
        PixelModel model = NetworkBuilder.build(SMALL, TWO_EPOCHS.seed(), TWO_EPOCHS.learningRate());
        TrainingData data = MnistTraining.of(MNIST, TWO_EPOCHS);
        validationBefore = Metrics.evaluate(model, data.validation());
        events = Collections.synchronizedList(new ArrayList<>());
        end = new Trainer(model, TWO_EPOCHS, data, freshLog(), events::add).run();
    }

    @Test
    void trainingLowersTheValidationNll() {
        assertThat(end.outcome()).isEqualTo(Outcome.COMPLETED);
        List<EpochEnd> epochs = ofType(events, EpochEnd.class);
        assertThat(epochs).extracting(EpochEnd::epoch).containsExactly(1, 2);
        Metrics.Nll after = epochs.get(1).validation();
        assertThat(after.images()).isEqualTo(validationBefore.images()).isEqualTo(200);
        // about 545 nats before (p near 0.5 everywhere), about 460 after 20 steps
        assertThat(after.nats())
                .as("validation NLL after 2 epochs vs before training")
                .isLessThan(validationBefore.nats() - 20);
        assertThat(after.nats())
                .as("after epoch 2 vs after epoch 1")
                .isLessThan(epochs.get(0).validation().nats());
        List<Iteration> iterations = ofType(events, Iteration.class);
        assertThat(iterations.get(iterations.size() - 1).lossNats())
                .isLessThan(iterations.get(0).lossNats());
    }

    @Test
    void eventsArriveInOrder() {
        // 300 images in batches of 32: 10 iterations per epoch
        assertThat(events.get(0)).isEqualTo(new Started(TWO_EPOCHS, 20, 0));
        List<String> kinds = new ArrayList<>();
        for (TrainingEvent e : events) {
            kinds.add(
                    e instanceof Iteration it
                            ? "I" + it.iteration() + "/e" + it.epoch()
                            : e instanceof EpochEnd ee
                                    ? "E" + ee.epoch() + "@" + ee.iteration()
                                    : e.getClass().getSimpleName());
        }
        List<String> expected = new ArrayList<>(List.of("Started"));
        for (int epoch = 1; epoch <= 2; epoch++) {
            for (int i = 1; i <= 10; i++) {
                expected.add("I" + ((epoch - 1) * 10 + i) + "/e" + epoch);
            }
            expected.add("E" + epoch + "@" + epoch * 10);
        }
        expected.add("Finished");
        assertThat(kinds).containsExactlyElementsOf(expected);
        assertThat(end).isSameAs(events.get(events.size() - 1));
        assertThat(end.iteration()).isEqualTo(20);
        for (Iteration it : ofType(events, Iteration.class)) {
            assertThat(it.totalIterations()).isEqualTo(20);
            assertThat(it.bitsPerDim()).isCloseTo(it.lossNats() / (PIXELS * Math.log(2)), within(1e-9));
            assertThat(it.imagesPerSecond()).isPositive();
        }
    }

    @Test
    void evaluateIsTheMeanOfPerPixelCrossEntropies() {
        PixelModel model = NetworkBuilder.build(TINY, 3, 1e-3);
        BinarizedIterator twoImages = BinarizedIterator.evaluation(MNIST.test().limit(2), 2);
        INDArray x = twoImages.next().getFeatures();
        double[] p = flat(model.probabilities(x));
        double[] v = flat(x);
        double nats = 0;
        for (int i = 0; i < v.length; i++) {
            double q = Math.min(Math.max(p[i], Metrics.EPS), 1 - Metrics.EPS);
            nats -= v[i] * Math.log(q) + (1 - v[i]) * Math.log(1 - q);
        }
        Metrics.Nll nll = Metrics.evaluate(model, twoImages);
        assertThat(nll.images()).isEqualTo(2);
        assertThat(nll.nats()).isCloseTo(nats / 2, within(1e-5 * nats));
        assertThat(nll.bitsPerDim()).isCloseTo(nll.nats() / (PIXELS * Math.log(2)), within(1e-12));
    }

    /**
     * DL4J's CnnLossLayer sums the per-pixel cross-entropy and divides by the minibatch size, on
     * the forward pass before the update: so score() after fit() is the batch's NLL in nats per
     * image under the weights before the step. (DL4J clips p at 1e-5, Metrics at 1e-6; the two
     * agree unless a sigmoid saturates.)
     */
    @Test
    void scoreAfterAStepIsTheBatchNllBeforeIt() {
        PixelModel model = NetworkBuilder.build(TINY, 4, 1e-3);
        INDArray x =
                BinarizedIterator.evaluation(MNIST.train().limit(2), 2).next().getFeatures();
        double expected = Metrics.totalNats(model.probabilities(x), x) / 2;
        model.fit(new DataSet(x, x));
        assertThat(model.score()).isCloseTo(expected, within(1e-4 * expected));
        assertThat(Metrics.totalNats(model.probabilities(x), x) / 2)
                .as("after the step")
                .isNotEqualTo(expected);
    }

    @Test
    void stopFromTheListenerEndsTheRunAfterThatIteration() {
        PixelModel model = NetworkBuilder.build(TINY, 5, 1e-3);
        List<TrainingEvent> seen = new ArrayList<>();
        AtomicReference<Trainer> trainer = new AtomicReference<>();
        trainer.set(new Trainer(model, TWO_EPOCHS, MnistTraining.of(MNIST, TWO_EPOCHS), freshLog(), e -> {
            seen.add(e);
            if (e instanceof Iteration it && it.iteration() == 3) {
                trainer.get().stop();
            }
        }));
        Finished f = trainer.get().run();
        assertThat(f.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(f.iteration()).isEqualTo(3);
        assertThat(ofType(seen, Iteration.class))
                .extracting(Iteration::iteration)
                .containsExactly(1, 2, 3);
        assertThat(seen.get(seen.size() - 1)).isEqualTo(f);
        assertThat(trainer.get().log().snapshot().losses()).hasSize(3);
    }

    @Test
    void pauseThenResumeFromAnotherThread() throws InterruptedException {
        TrainingConfig config =
                TrainingConfig.defaults().withLimit(128).withEpochs(1).withBatchSize(32);
        PixelModel model = NetworkBuilder.build(TINY, 6, 1e-3);
        List<TrainingEvent> seen = Collections.synchronizedList(new ArrayList<>());
        List<Long> times = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Trainer> trainer = new AtomicReference<>();
        AtomicBoolean pausedWhileWaiting = new AtomicBoolean();
        Thread resumer = new Thread(
                () -> {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                    pausedWhileWaiting.set(trainer.get().isPaused());
                    trainer.get().resume();
                },
                "resumer");
        trainer.set(new Trainer(model, config, MnistTraining.of(MNIST, config), freshLog(), e -> {
            seen.add(e);
            times.add(System.nanoTime());
            if (e instanceof Iteration it && it.iteration() == 2) {
                trainer.get().pause();
                resumer.start();
            }
        }));
        Finished f = trainer.get().run();
        resumer.join(10_000);

        assertThat(f.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(f.iteration()).isEqualTo(4);
        assertThat(pausedWhileWaiting).isTrue();
        assertThat(trainer.get().isPaused()).isFalse();
        int paused = seen.indexOf(new Paused(2));
        int resumed = seen.indexOf(new Resumed(2));
        assertThat(paused).as("Paused(2) seen").isPositive();
        assertThat(resumed).as("Resumed right after Paused").isEqualTo(paused + 1);
        assertThat(seen.get(paused - 1))
                .isInstanceOf(Iteration.class)
                .extracting(e -> ((Iteration) e).iteration())
                .isEqualTo(2);
        assertThat(seen.get(resumed + 1))
                .isInstanceOf(Iteration.class)
                .extracting(e -> ((Iteration) e).iteration())
                .isEqualTo(3);
        assertThat((times.get(resumed) - times.get(paused)) / 1e6)
                .as("ms paused")
                .isGreaterThan(150);
    }

    @Test
    void aHugeLearningRateDivergesAndKeepsTheWeightsThatLastScoredANormalLoss() {
        // Adam moves every weight by about lr on its first step; with lr 1e6 the second forward
        // pass overflows float through the six layers.
        TrainingConfig config = TWO_EPOCHS.withEpochs(1).withLearningRate(1e6);
        PixelModel model = NetworkBuilder.build(TINY, config.seed(), config.learningRate());
        INDArray initial = model.network().params().dup();
        List<Iteration> iterations = new ArrayList<>();
        Finished f = new Trainer(model, config, MnistTraining.of(MNIST, config), freshLog(), e -> {
                    if (e instanceof Iteration it) {
                        iterations.add(it);
                    }
                })
                .run();

        assertThat(f.outcome()).isEqualTo(Outcome.DIVERGED);
        assertThat(f.message()).contains("diverged").contains("iteration 2").contains("after iteration 0 are restored");
        assertThat(iterations).allSatisfy(it -> assertThat(it.lossNats()).isFinite());
        INDArray params = model.network().params();
        assertThat(params.isNaN().any() || params.isInfinite().any())
                .as("non-finite parameters")
                .isFalse();
        // iteration 1's loss was measured on the initial weights; every later one was not normal
        assertThat(params.toDoubleVector()).containsExactly(initial.toDoubleVector());
    }

    /**
     * "The weights from before that step are kept; lower the learning rate and train again": a
     * batch of NaN pixels makes step 3 non-finite; training the same model again on clean data
     * must then work. The optimizer state has to be rolled back with the weights, or Adam's
     * moments carry the NaN gradient into the next step.
     */
    @Test
    void aModelCanTrainAgainAfterADivergedStep() {
        TrainingConfig config = TrainingConfig.defaults().withEpochs(1).withBatchSize(32);
        PixelModel model = NetworkBuilder.build(TINY, 8, 1e-3);
        BinarizedIterator clean = BinarizedIterator.evaluation(MNIST.train().limit(64), 32);
        List<DataSet> batches = new ArrayList<>(List.of(clean.next(), clean.next()));
        INDArray nan = Nd4j.valueArrayOf(new long[] {32, 1, 28, 28}, Double.NaN, DataType.FLOAT);
        batches.add(new DataSet(nan, nan));
        TrainingLog log = freshLog();
        Finished first = new Trainer(
                        model,
                        config,
                        new TrainingData(
                                new ListDataSetIterator<>(batches, 1), 96, null, "2 clean batches, 1 NaN batch"),
                        log,
                        e -> {})
                .run();
        assertThat(first.outcome()).isEqualTo(Outcome.DIVERGED);
        assertThat(first.iteration()).isEqualTo(2);

        Finished again = new Trainer(
                        model,
                        config,
                        new TrainingData(
                                new ListDataSetIterator<>(batches.subList(0, 2), 1), 64, null, "2 clean batches"),
                        log,
                        e -> {})
                .run();
        assertThat(again.outcome()).as(again.message()).isEqualTo(Outcome.COMPLETED);
        INDArray params = model.network().params();
        assertThat(params.isNaN().any() || params.isInfinite().any())
                .as("non-finite parameters")
                .isFalse();
    }

    @Test
    void setLearningRateMidRunReachesTheOptimizer() {
        TrainingConfig config =
                TrainingConfig.defaults().withLimit(128).withEpochs(1).withBatchSize(32);
        PixelModel model = NetworkBuilder.build(TINY, 9, config.learningRate());
        AtomicReference<Trainer> trainer = new AtomicReference<>();
        trainer.set(new Trainer(model, config, MnistTraining.of(MNIST, config), freshLog(), e -> {
            if (e instanceof Iteration it && it.iteration() == 2) {
                trainer.get().setLearningRate(2.5e-4);
            }
        }));
        assertThat(trainer.get().run().outcome()).isEqualTo(Outcome.COMPLETED);

        for (String layer : List.of("conv0_A", "conv3_B", "out_1x1")) {
            MaskedConv2D conf =
                    (MaskedConv2D) model.network().getLayer(layer).conf().getLayer();
            assertThat(learningRate(conf.getUpdaterByParam(MaskedConv2D.WEIGHT)))
                    .as(layer + " W")
                    .isEqualTo(2.5e-4);
            assertThat(learningRate(conf.getUpdaterByParam(MaskedConv2D.BIAS)))
                    .as(layer + " b")
                    .isEqualTo(2.5e-4);
        }
        // the updaters that actually step the weights
        List<UpdaterBlock> blocks = model.network().getUpdater().getUpdaterBlocks();
        assertThat(blocks).isNotEmpty();
        for (UpdaterBlock block : blocks) {
            assertThat(learningRate(block.getGradientUpdater().getConfig())).isEqualTo(2.5e-4);
        }
    }

    @Test
    void invalidLearningRatesAreRejected() {
        Trainer trainer = new Trainer(
                NetworkBuilder.build(TINY, 1, 1e-3),
                TWO_EPOCHS,
                MnistTraining.of(MNIST, TWO_EPOCHS),
                freshLog(),
                e -> {});
        for (double bad : new double[] {0, -1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> trainer.setLearningRate(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("learning rate");
        }
    }

    private static double[] flat(INDArray a) {
        return a.dup('c').reshape(a.length()).toDoubleVector();
    }

    private static double learningRate(IUpdater updater) {
        assertThat(updater).isInstanceOf(Adam.class);
        return ((Adam) updater).getLearningRate();
    }

    private static TrainingLog freshLog() {
        return new TrainingLog(TrainingHistory.empty(TrainingConfig.DEFAULT_SEED));
    }

    private static <T extends TrainingEvent> List<T> ofType(List<TrainingEvent> all, Class<T> type) {
        List<T> out = new ArrayList<>();
        synchronized (all) {
            for (TrainingEvent e : all) {
                if (type.isInstance(e)) {
                    out.add(type.cast(e));
                }
            }
        }
        return out;
    }

    private static MnistData loadMnist() {
        try {
            return MnistData.load(MnistData.defaultDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
