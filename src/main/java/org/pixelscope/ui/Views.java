package org.pixelscope.ui;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;

/**
 * The four views of the main window and the actions menus and shortcuts reach in them.
 *
 * <p>Thread: FX only.
 */
final class Views {

    /** A tab: its title and content. */
    record Entry(String title, Node node) {
    }

    private final List<Entry> entries;

    Views(AppContext ctx) {
        entries = List.of(
                new Entry("Train", new Label("Train view")),
                new Entry("Sample", new Label("Sample view")),
                new Entry("Masks", new Label("Masks view")),
                new Entry("Summary", new Label("Summary view")));
    }

    List<Entry> entries() {
        return entries;
    }

    void toggleTraining() {
    }

    void stopTraining() {
    }

    boolean training() {
        return false;
    }

    java.util.concurrent.CompletableFuture<Void> stopTrainingAndWait() {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    void stepPixel() {
    }

    void stepRow() {
    }

    void playPause() {
    }

    void exportPng(java.nio.file.Path file) {
    }

    void exportGif(java.nio.file.Path file) {
    }
}
