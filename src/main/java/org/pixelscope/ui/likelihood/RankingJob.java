package org.pixelscope.ui.likelihood;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.pixelscope.data.BinarizedIterator;
import org.pixelscope.data.GreyLevels;
import org.pixelscope.data.ImageSet;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.PixelModel;
import org.pixelscope.train.ImageLikelihoods;
import org.pixelscope.train.MnistTraining;
import org.pixelscope.train.TrainingHistory;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.UiBatcher;

/**
 * Scores every test image with the current model ({@link ImageLikelihoods#nats}, the numbers of
 * the likelihood CSV) on a worker, and keeps the {@link Ranking} for that model: asking again
 * shows it at once. A new model, or new training of this one, makes it stale: a ranking in
 * progress is cancelled at its next batch and, once the user has asked for a ranking, the new
 * model is ranked straight away. Progress goes to the status bar through a {@link UiBatcher}
 * (at most one hand-over to the FX thread queued at a time); the result is published once.
 *
 * <p>Thread: FX only; the scoring runs on a worker.
 */
final class RankingJob {

    private static final String JOB = "Ranking the test images by likelihood…";

    private final AppContext ctx;
    private final int limit;
    private final ReadOnlyObjectWrapper<Ranking> ranking = new ReadOnlyObjectWrapper<>(this, "ranking");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    // the model and training history that the ranking shown or in progress belongs to
    private PixelModel rankedModel;
    private TrainingHistory rankedHistory;
    private AtomicBoolean cancel;
    private boolean wanted;

    /** {@code limit}: the first {@code limit} test images are scored; 0 for all. */
    RankingJob(AppContext ctx, int limit) {
        this.ctx = ctx;
        this.limit = limit;
    }

    ReadOnlyObjectProperty<Ranking> rankingProperty() {
        return ranking.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Ranks the test images under the current model, unless that ranking is shown or on its way. */
    void rank() {
        wanted = true;
        PixelModel model = ctx.session().getModel();
        TrainingHistory history = ctx.session().historyProperty().get();
        if (model == null) {
            ctx.errors()
                    .report("Cannot rank the test images", "No model is loaded: open a checkpoint or create a model.");
            return;
        }
        if (model == rankedModel && history == rankedHistory && (busy.get() || ranking.get() != null)) {
            return;
        }
        stop();
        rankedModel = model;
        rankedHistory = history;
        AtomicBoolean cancelled = new AtomicBoolean();
        cancel = cancelled;
        busy.set(true);
        ctx.status().show(JOB, 0);
        UiBatcher<Double> progress = new UiBatcher<>(ctx.jobs().fx(), done -> {
            if (cancel == cancelled) {
                ctx.status().show(JOB, done.get(done.size() - 1));
            }
        });
        ctx.session()
                .mnist()
                .thenCompose(mnist -> ctx.session().read(m -> score(m, mnist, cancelled, progress)))
                .whenCompleteAsync(
                        (r, error) -> {
                            if (cancel != cancelled) {
                                return; // stopped: a newer model or ranking took over
                            }
                            cancel = null;
                            busy.set(false);
                            if (error == null) {
                                ranking.set(r);
                                ctx.status()
                                        .finish(
                                                JOB,
                                                String.format(
                                                        "Ranked %,d test images: mean NLL %.2f nats",
                                                        r.scored(), r.meanNats()));
                            } else {
                                rankedModel = null;
                                ctx.status().finish(JOB, "Ranking failed");
                                ctx.errors().report("Cannot rank the test images", error);
                            }
                        },
                        ctx.jobs().fx());
    }

    /**
     * The session's model or training history changed (the session sets a history after each new
     * model, and at the end of each run): the ranking is stale; rank again if the user ranked before.
     */
    void modelChanged() {
        PixelModel model = ctx.session().getModel();
        if (model == rankedModel && ctx.session().historyProperty().get() == rankedHistory) {
            return;
        }
        stop();
        ranking.set(null);
        rankedModel = null;
        if (wanted && model != null) {
            rank();
        }
    }

    private void stop() {
        if (cancel != null) {
            cancel.set(true);
            cancel = null;
            busy.set(false);
            ctx.status().finish(JOB, "Ranking stopped: the model changed");
        }
    }

    /** On a worker: scores the test images and ranks them; throws {@link CancellationException} once cancelled. */
    private Ranking score(PixelModel model, MnistData mnist, AtomicBoolean cancelled, UiBatcher<Double> progress) {
        BinarizedIterator test = MnistTraining.evaluation(mnist.test(), limit, new GreyLevels(model.levels()));
        int total = test.images();
        AtomicInteger done = new AtomicInteger();
        // called once per batch as the iterator makes it: the place to report and to stop
        test.setPreProcessor(batch -> {
            if (cancelled.get()) {
                throw new CancellationException("the model changed while ranking");
            }
            progress.offer(done.addAndGet(batch.numExamples()) / (double) total);
        });
        double[] nats = ImageLikelihoods.nats(model, test);
        ImageSet images = mnist.test();
        return Ranking.of(
                nats,
                mnist.testLabels(),
                Ranking.SHOWN,
                i -> new GreyLevels(model.levels()).evaluationInputs(images, i));
    }
}
