package org.pixelscope.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.train.TrainingEvent.Finished;
import org.pixelscope.train.TrainingEvent.Iteration;
import org.pixelscope.train.TrainingEvent.Outcome;

/**
 * {@link Trainer#between}: how other threads read a model that a run is fitting. A task must run
 * on the trainer's thread at an iteration boundary (never while a step is changing the weights),
 * promptly while the run is paused, on the caller's thread when no run is going, and never be
 * dropped when a run ends.
 */
class TrainerBetweenTest {

    private static final PixelCnnSpec TINY = new PixelCnnSpec("pixelcnn-tiny", "test model", 8, 8, 4, 3, 1, 3, false);

    private static TrainingData randomImages(int count, int batch) {
        List<DataSet> sets = new ArrayList<>();
        INDArray all = Nd4j.rand(DataType.FLOAT, count, 1, 8, 8).gt(0.5).castTo(DataType.FLOAT);
        for (int i = 0; i < count; i++) {
            INDArray x = all.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).reshape(1, 1, 8, 8);
            sets.add(new DataSet(x, x));
        }
        return new TrainingData(new ListDataSetIterator<>(sets, batch), count, null, "random 8x8");
    }

    private static TrainingLog freshLog() {
        return new TrainingLog(TrainingHistory.empty(1));
    }

    @Test
    void withNoRunATaskRunsAtOnceOnTheCallersThread() throws Exception {
        PixelModel model = NetworkBuilder.build(TINY, 1, 1e-3);
        Trainer trainer =
                new Trainer(model, TrainingConfig.defaults().withEpochs(1), randomImages(8, 4), freshLog(), e -> {});
        CompletableFuture<Thread> ran = trainer.between(Thread::currentThread);
        assertThat(ran).isCompletedWithValue(Thread.currentThread());
    }

    @Test
    void duringARunATaskRunsOnTheTrainersThreadBetweenIterations() throws Exception {
        PixelModel model = NetworkBuilder.build(TINY, 1, 1e-3);
        TrainingLog log = freshLog();
        CountDownLatch firstStep = new CountDownLatch(1);
        Trainer trainer = new Trainer(model, TrainingConfig.defaults().withEpochs(50), randomImages(32, 4), log, e -> {
            if (e instanceof Iteration) {
                firstStep.countDown();
            }
        });
        AtomicReference<Thread> trainingThread = new AtomicReference<>();
        CompletableFuture<Finished> run = CompletableFuture.supplyAsync(() -> {
            trainingThread.set(Thread.currentThread());
            return trainer.run();
        });
        assertThat(firstStep.await(60, TimeUnit.SECONDS)).isTrue();
        // A task that sees the same iteration count and the same weights at its start and end
        // ran while no step was in progress.
        CompletableFuture<boolean[]> seen = trainer.between(() -> {
            int before = log.iterations();
            INDArray w = model.network().params().dup();
            Thread.sleep(50);
            return new boolean[] {
                log.iterations() == before,
                w.equals(model.network().params()),
                Thread.currentThread() == trainingThread.get()
            };
        });
        boolean[] s = seen.get(60, TimeUnit.SECONDS);
        trainer.stop();
        assertThat(run.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(s).as("same iteration, same weights, trainer's thread").containsExactly(true, true, true);
    }

    @Test
    void whilePausedATaskRunsWithoutWaitingForTheRunToResume() throws Exception {
        PixelModel model = NetworkBuilder.build(TINY, 1, 1e-3);
        CountDownLatch paused = new CountDownLatch(1);
        AtomicReference<Trainer> ref = new AtomicReference<>();
        Trainer trainer =
                new Trainer(model, TrainingConfig.defaults().withEpochs(50), randomImages(32, 4), freshLog(), e -> {
                    if (e instanceof Iteration it && it.iteration() == 2) {
                        ref.get().pause();
                    } else if (e instanceof TrainingEvent.Paused) {
                        paused.countDown();
                    }
                });
        ref.set(trainer);
        CompletableFuture<Finished> run = CompletableFuture.supplyAsync(trainer::run);
        assertThat(paused.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(trainer.between(() -> "read while paused").get(30, TimeUnit.SECONDS))
                .isEqualTo("read while paused");
        assertThat(trainer.isPaused()).isTrue();
        trainer.stop();
        Finished end = run.get(60, TimeUnit.SECONDS);
        assertThat(end.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(end.iteration()).as("no step taken while paused").isEqualTo(2);
    }

    @Test
    void aTaskQueuedAsTheRunEndsIsStillRun() throws Exception {
        PixelModel model = NetworkBuilder.build(TINY, 1, 1e-3);
        AtomicReference<Trainer> ref = new AtomicReference<>();
        List<CompletableFuture<String>> queued = new ArrayList<>();
        Trainer trainer =
                new Trainer(model, TrainingConfig.defaults().withEpochs(1), randomImages(8, 4), freshLog(), e -> {
                    // queued from inside the run, after the last step: only the run's end can serve it
                    if (e instanceof Finished) {
                        queued.add(ref.get().between(() -> "served"));
                    }
                });
        ref.set(trainer);
        assertThat(trainer.run().outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(queued).hasSize(1);
        assertThat(queued.get(0)).isCompletedWithValue("served");
    }
}
