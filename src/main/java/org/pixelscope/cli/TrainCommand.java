package org.pixelscope.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.pixelscope.backend.Backend;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;
import org.pixelscope.train.CheckpointException;
import org.pixelscope.train.Checkpoints;
import org.pixelscope.train.MnistTraining;
import org.pixelscope.train.Trainer;
import org.pixelscope.train.TrainingConfig;
import org.pixelscope.train.TrainingEvent;
import org.pixelscope.train.TrainingHistory;
import org.pixelscope.train.TrainingLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: fits a model on MNIST and saves a checkpoint after every epoch. */
@Command(name = "train", description = "Train a model on binarised MNIST; the checkpoint is saved after every epoch.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "pixelcnn-chapter",
            description = "Registered model to train from scratch (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--resume", paramLabel = "FILE", description = "Continue training this checkpoint instead.")
    Path resume;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Checkpoint to write (zip).")
    Path out;

    @Option(names = "--epochs", defaultValue = "" + TrainingConfig.DEFAULT_EPOCHS, description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "" + TrainingConfig.DEFAULT_BATCH, description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "" + TrainingConfig.DEFAULT_LEARNING_RATE, description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", defaultValue = "" + TrainingConfig.DEFAULT_SEED, description = "Seed of weights, binarisation and order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--limit", defaultValue = "0", description = "Train on the first N images only (default: all 55,000).")
    int limit;

    @Option(names = "--keep-optimizer", description = "Store Adam's state too (exact resumption, ~3x larger file).")
    boolean keepOptimizer;

    @Mixin
    DataOption data;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        TrainingConfig config = new TrainingConfig(epochs, batch, learningRate, seed, limit);
        MnistData mnist = data.load();
        o.println(Backend.start().line());
        PixelModel net;
        TrainingHistory history;
        if (resume != null) {
            Checkpoints.Checkpoint cp = Checkpoints.load(resume);
            net = cp.model();
            history = cp.history();
            net.setLearningRate(learningRate);
        } else {
            net = NetworkBuilder.build(ModelSpecs.require(model), seed, learningRate);
            history = TrainingHistory.empty(seed);
        }
        o.printf("Training %s (%,d parameters) for %d epoch(s), batch %d, lr %g, seed %d%n",
                net.spec().name(), net.parameterCount(), epochs, batch, learningRate, seed);
        TrainingLog log = new TrainingLog(history);
        Progress progress = new Progress(o, net, log);
        Trainer trainer = new Trainer(net, config, MnistTraining.of(mnist, config), log, progress);
        progress.trainer = trainer;
        TrainingEvent.Finished end = trainer.run();
        if (end.outcome() != TrainingEvent.Outcome.DIVERGED && end.outcome() != TrainingEvent.Outcome.FAILED) {
            Checkpoints.save(out, net, log.snapshot(), keepOptimizer);
            o.println("Saved " + out);
        }
        if (end.outcome() != TrainingEvent.Outcome.COMPLETED) {
            spec.commandLine().getErr().println("error: " + end.message()
                    + (progress.saved ? " (last epoch checkpoint: " + out + ")" : ""));
            return 1;
        }
        return 0;
    }

    /** Prints a progress line about every two seconds and saves at each epoch end. Thread: trainer. */
    private final class Progress implements java.util.function.Consumer<TrainingEvent> {
        private final PrintWriter o;
        private final PixelModel net;
        private final TrainingLog log;
        private Trainer trainer;
        private long lastPrint;
        private boolean saved;

        Progress(PrintWriter o, PixelModel net, TrainingLog log) {
            this.o = o;
            this.net = net;
            this.log = log;
        }

        @Override
        public void accept(TrainingEvent event) {
            if (event instanceof TrainingEvent.Iteration it) {
                long now = System.nanoTime();
                if (now - lastPrint > 2_000_000_000L || it.iteration() == it.totalIterations()) {
                    lastPrint = now;
                    o.printf("epoch %d  iter %,d/%,d  loss %.2f nats (%.4f bits/dim)  %.0f img/s  ETA %s%n",
                            it.epoch(), it.iteration(), it.totalIterations(), it.lossNats(), it.bitsPerDim(),
                            it.imagesPerSecond(), format(it.eta()));
                }
            } else if (event instanceof TrainingEvent.EpochEnd e) {
                o.printf("epoch %d done: validation NLL %.2f nats/image (%.4f bits/dim) on %,d images%n",
                        e.epoch(), e.validation().nats(), e.validation().bitsPerDim(), e.validation().images());
                try {
                    Checkpoints.save(out, net, log.snapshot(), keepOptimizer);
                    saved = true;
                } catch (CheckpointException ex) {
                    spec.commandLine().getErr().println("error: " + ex.getMessage());
                    trainer.stop();
                }
            }
        }
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
