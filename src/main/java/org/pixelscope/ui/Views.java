package org.pixelscope.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.scene.Node;
import org.pixelscope.ui.likelihood.LikelihoodView;
import org.pixelscope.ui.masks.MasksView;
import org.pixelscope.ui.sample.SampleView;
import org.pixelscope.ui.summary.SummaryView;
import org.pixelscope.ui.train.TrainView;

/**
 * The five views of the main window and the actions that menus and shortcuts reach in them.
 *
 * <p>Thread: FX only.
 */
final class Views {

    /** A tab: its title and content. */
    record Entry(String title, Node node) {}

    private final TrainView train;
    private final SampleView sample;
    private final MasksView masks;
    private final LikelihoodView likelihood;
    private final List<Entry> entries;

    Views(AppContext ctx) {
        train = new TrainView(ctx);
        sample = new SampleView(ctx);
        masks = new MasksView(ctx);
        likelihood = new LikelihoodView(ctx);
        entries = List.of(
                new Entry("Train", train),
                new Entry("Sample", sample),
                new Entry("Masks", masks),
                new Entry("Summary", new SummaryView(ctx)),
                new Entry("Likelihood", likelihood));
    }

    List<Entry> entries() {
        return entries;
    }

    TrainView train() {
        return train;
    }

    SampleView sample() {
        return sample;
    }

    MasksView masks() {
        return masks;
    }

    LikelihoodView likelihood() {
        return likelihood;
    }

    void toggleTraining() {
        train.toggleTraining();
    }

    void stopTraining() {
        train.stopTraining();
    }

    CompletableFuture<Void> stopTrainingAndWait() {
        return train.stopAndWait();
    }

    void stepPixel() {
        sample.stepPixel();
    }

    void stepRow() {
        sample.stepRow();
    }

    void playPause() {
        sample.playPause();
    }

    void exportPng(Path file) {
        sample.exportPng(file);
    }

    void exportGif(Path file) {
        sample.exportGif(file);
    }
}
