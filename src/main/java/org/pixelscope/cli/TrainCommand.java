package org.pixelscope.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pixelscope.backend.Backend;
import org.pixelscope.data.GreyLevels;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;
import org.pixelscope.train.CheckpointException;
import org.pixelscope.train.Checkpoints;
import org.pixelscope.train.Durations;
import org.pixelscope.train.MnistTraining;
import org.pixelscope.train.Schedule;
import org.pixelscope.train.Trainer;
import org.pixelscope.train.TrainingConfig;
import org.pixelscope.train.TrainingData;
import org.pixelscope.train.TrainingEvent;
import org.pixelscope.train.TrainingHistory;
import org.pixelscope.train.TrainingLog;
import org.pixelscope.train.WarmStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train}: fits a model on MNIST and saves a checkpoint after every epoch, into --out when
 * it is no worse than what --out holds ({@link CheckpointTarget}).
 */
@Command(
        name = "train",
        description = "Train a model on binarised MNIST (or K grey levels); a checkpoint is saved after every epoch.")
final class TrainCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);
    /** 1: Adam then moves every weight by about 1 per step, already far past any useful rate. */
    static final double MAX_LEARNING_RATE = 1;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--model",
            paramLabel = "NAME",
            defaultValue = "pixelcnn-chapter",
            description = "Registered model to train from scratch (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = "--levels",
            paramLabel = "K",
            description = "Grey levels per pixel, " + GreyLevels.MIN + "-" + GreyLevels.MAX + " (PixelCNN families):"
                    + " 2 is binarised MNIST (a sigmoid per pixel); K > 2 quantises each grey value v into"
                    + " floor(v * K / 256) and predicts it with a K-way softmax (default: 2, or the checkpoint's).")
    Integer levels;

    @Option(
            names = "--resume",
            paramLabel = "FILE",
            description = "Continue training this checkpoint: its epochs, seed and data order carry on.")
    Path resume;

    @Option(
            names = "--init-from",
            paramLabel = "FILE",
            description = "Start --model from this checkpoint's weights where layers match (fresh history and"
                    + " optimizer); e.g. the conditional Gated PixelCNN from the unconditional one, or a"
                    + " --levels K model from a binary one (its output layer starts at zero).")
    Path initFrom;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            required = true,
            description = "Checkpoint to write (zip); only replaced by a model with a lower validation NLL.")
    Path out;

    @Option(names = "--force", description = "Replace --out after every epoch, even with a worse model.")
    boolean force;

    @Option(
            names = "--epochs",
            defaultValue = "" + TrainingConfig.DEFAULT_EPOCHS,
            description = "Epochs, 1-" + TrainingConfig.MAX_EPOCHS + " (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--batch",
            defaultValue = "" + TrainingConfig.DEFAULT_BATCH,
            description = "Batch size, 1-" + TrainingConfig.MAX_BATCH + " (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--lr",
            defaultValue = "" + TrainingConfig.DEFAULT_LEARNING_RATE,
            description = "Adam learning rate, above 0, at most 1 (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(
            names = "--seed",
            defaultValue = "" + TrainingConfig.DEFAULT_SEED,
            description =
                    "Seed of weights, binarisation and order (default: ${DEFAULT-VALUE}; with --resume, the checkpoint's).")
    long seed;

    @Option(
            names = "--limit",
            defaultValue = "0",
            description = "Train on the first N images only (default: all 55,000).")
    int limit;

    @Option(
            names = "--schedule",
            defaultValue = "constant",
            description =
                    "Learning rate over the run's epochs: constant or cosine (to --min-lr) (default: ${DEFAULT-VALUE}).")
    Schedule.Kind scheduleKind;

    @Option(
            names = "--min-lr",
            defaultValue = "1e-5",
            description = "The cosine schedule's last learning rate, 0 or more (default: ${DEFAULT-VALUE}).")
    double minLearningRate;

    @Option(
            names = "--patience",
            defaultValue = "0",
            description = "Stop after N epochs without a better validation NLL (default: 0, never).")
    int patience;

    @Option(names = "--keep-optimizer", description = "Store Adam's state too (exact resumption, ~3x larger file).")
    boolean keepOptimizer;

    @Mixin
    DataOption data;

    @Override
    public Integer call() throws Exception {
        Args.range(spec, "--epochs", epochs, 1, TrainingConfig.MAX_EPOCHS);
        Args.range(spec, "--batch", batch, 1, TrainingConfig.MAX_BATCH);
        Args.range(spec, "--lr", learningRate, 0, MAX_LEARNING_RATE);
        Args.limit(spec, "--limit", limit);
        if (!(minLearningRate >= 0) || Args.given(spec, "--min-lr") && minLearningRate > learningRate) {
            throw Args.bad(spec, "--min-lr must be 0 to --lr (" + learningRate + "), got " + minLearningRate);
        }
        Args.range(spec, "--patience", patience, 0, TrainingConfig.MAX_EPOCHS);
        Schedule schedule = new Schedule(scheduleKind, minLearningRate, patience);
        ModelSpec fresh = Args.levels(spec, Args.model(spec, "--model", model), levels);
        if (initFrom != null && resume != null) {
            throw Args.bad(spec, "--init-from starts a new run and --resume continues one: give one of them");
        }
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (CheckpointTarget target = CheckpointTarget.claim(out, force)) {
            PixelModel net;
            TrainingHistory history;
            if (resume != null) {
                Checkpoints.Checkpoint cp = Checkpoints.load(resume);
                net = cp.model();
                history = cp.history();
                checkResumable(net, history);
                net.setLearningRate(learningRate);
            } else {
                net = null;
                history = TrainingHistory.empty(seed);
            }
            TrainingConfig config =
                    new TrainingConfig(epochs, batch, learningRate, history.started() ? history.seed() : seed, limit);
            MnistData mnist = data.load();
            o.println(Backend.start().line());
            if (net == null) {
                net = NetworkBuilder.build(fresh, config.seed(), learningRate);
                if (initFrom != null) {
                    warmStart(net, o);
                }
            }
            target.checkSpace(net, keepOptimizer);
            MnistTraining.requireSize(mnist, net.spec());
            TrainingData trainingData = MnistTraining.of(mnist, config, new GreyLevels(net.levels()));
            String existing = target.scoreExisting(resume, net, trainingData.validation());
            if (existing != null) {
                o.println(existing);
            }
            o.printf(
                    Locale.ROOT,
                    "Training %s (%,d parameters) for %d epoch(s) from epoch %d, batch %d, lr %g (%s), seed %d%n",
                    net.levels() == 2
                            ? net.spec().name()
                            : net.spec().name() + ", " + levelsOf(net).describe(),
                    net.parameterCount(),
                    epochs,
                    history.epochs() + 1,
                    batch,
                    learningRate,
                    schedule.describe(),
                    config.seed());
            TrainingLog log = new TrainingLog(history);
            Progress progress = new Progress(o, err, net, log, target);
            Trainer trainer = new Trainer(net, config, trainingData, log, progress).withSchedule(schedule);
            progress.trainer = trainer;
            TrainingEvent.Finished end = trainer.run();
            if (progress.saveError != null) {
                LOG.error("saving a checkpoint failed", progress.saveError);
                err.println("error: " + progress.saveError.getMessage());
                return 1;
            }
            if (end.message().startsWith("stopped early")) {
                o.println(end.message());
            }
            if (end.outcome() != TrainingEvent.Outcome.COMPLETED) {
                err.println("error: " + end.message() + " " + whatIsSaved(target));
                return 1;
            }
            return 0;
        }
    }

    /** --model and --seed may repeat the checkpoint's but not contradict it (exit 2). */
    private void checkResumable(PixelModel net, TrainingHistory history) {
        if (Args.given(spec, "--model") && !model.equals(net.spec().name())) {
            throw Args.bad(
                    spec,
                    "--model " + model + " contradicts --resume " + resume + ", which holds "
                            + net.spec().name() + "; leave out --model to continue it, or leave out --resume to train "
                            + model + " from scratch");
        }
        if (levels != null && levels != net.levels()) {
            throw Args.bad(
                    spec,
                    "--levels " + levels + " contradicts --resume " + resume + ", which holds a model of "
                            + levelsOf(net).describe() + "; leave out --levels to continue it, or leave out --resume"
                            + " to train a new model");
        }
        if (Args.given(spec, "--seed") && history.started() && seed != history.seed()) {
            throw Args.bad(
                    spec,
                    "--seed " + seed + " contradicts --resume " + resume + ", which was trained with seed "
                            + history.seed() + " (its next epoch's data order and binarisation follow from that seed); "
                            + "leave out --seed to continue it");
        }
    }

    private void warmStart(PixelModel net, PrintWriter o) throws CheckpointException {
        try (PixelModel source = Checkpoints.load(initFrom).model()) {
            WarmStart.Report report;
            try {
                report = WarmStart.copy(source, net);
            } catch (IllegalArgumentException e) {
                throw Args.bad(spec, "--init-from " + initFrom + ": " + e.getMessage());
            }
            o.println("Starting from " + initFrom + " (" + source.spec().name() + "): " + report.describe());
        }
    }

    private static GreyLevels levelsOf(PixelModel net) {
        return new GreyLevels(net.levels());
    }

    private static String whatIsSaved(CheckpointTarget target) {
        if (target.savedAny()) {
            return "(" + target.file() + " holds the best epoch saved before that)";
        }
        return target.wroteLatest()
                ? "(" + target.file() + " is unchanged; the last finished epoch is in " + target.latest() + ")"
                : "(nothing was saved; " + target.file() + " is unchanged)";
    }

    /** Prints a progress line about every two seconds and saves at each epoch end. Thread: trainer. */
    private final class Progress implements java.util.function.Consumer<TrainingEvent> {
        private final PrintWriter o;
        private final PrintWriter err;
        private final PixelModel net;
        private final TrainingLog log;
        private final CheckpointTarget target;
        private Trainer trainer;
        private long lastPrint;
        private CheckpointException saveError;

        Progress(PrintWriter o, PrintWriter err, PixelModel net, TrainingLog log, CheckpointTarget target) {
            this.o = o;
            this.err = err;
            this.net = net;
            this.log = log;
            this.target = target;
        }

        @Override
        public void accept(TrainingEvent event) {
            if (event instanceof TrainingEvent.Iteration it) {
                long now = System.nanoTime();
                if (now - lastPrint > 2_000_000_000L || it.iteration() == it.totalIterations()) {
                    lastPrint = now;
                    o.printf(
                            Locale.ROOT,
                            "epoch %d  iter %,d/%,d  loss %.2f nats (%.4f bits/dim)  %.0f img/s  ETA %s%n",
                            it.epoch(),
                            it.iteration(),
                            it.totalIterations(),
                            it.lossNats(),
                            it.bitsPerDim(),
                            it.imagesPerSecond(),
                            Durations.format(it.eta()));
                }
            } else if (event instanceof TrainingEvent.EpochEnd e) {
                o.printf(
                        Locale.ROOT,
                        "epoch %d done: validation NLL %.2f nats/image (%.4f bits/dim%s) on %,d images%n",
                        e.epoch(),
                        e.validation().nats(),
                        e.validation().bitsPerDim(),
                        net.levels() == 2 ? "" : ", " + levelsOf(net).describe(),
                        e.validation().images());
                try {
                    String warning = target.save(e.epoch(), e.validation().nats(), net, log.snapshot(), keepOptimizer);
                    if (warning == null) {
                        o.println("Saved " + target.file());
                    } else {
                        err.println("warning: " + warning);
                    }
                } catch (CheckpointException ex) {
                    saveError = ex;
                    trainer.stop();
                }
            }
        }
    }
}
