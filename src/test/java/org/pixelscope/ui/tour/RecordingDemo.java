package org.pixelscope.ui.tour;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.pixelscope.ui.DemoControls;

/**
 * A {@link DemoControls} for tests without a window: records every call and keeps the state each
 * view would show, so a test can ask what is on screen after a step. Futures complete at once
 * unless {@link #holdOpening} makes {@link #openShipped()} wait.
 */
final class RecordingDemo implements DemoControls {

    final List<String> calls = new ArrayList<>();
    String view = "Sample";
    String model = "other";
    String compare;
    String sample = "";
    boolean firstKernel;
    String field = "";
    int testImage = -1;
    private CompletableFuture<Void> opening;

    /** Makes {@link #openShipped()} return a future that completes only when the test says so. */
    CompletableFuture<Void> holdOpening() {
        opening = new CompletableFuture<>();
        return opening;
    }

    /** What the selected view shows: the view, the model, and that view's own state. */
    String onScreen() {
        String state = switch (view) {
            case SAMPLE -> "compare=" + compare + " sample=" + sample;
            case MASKS -> "firstKernel=" + firstKernel + " field=" + field;
            case LIKELIHOOD -> "test=" + testImage;
            default -> "";
        };
        return view + " model=" + model + " " + state;
    }

    @Override
    public void selectView(String title) {
        calls.add("selectView(" + title + ")");
        view = title;
    }

    @Override
    public CompletableFuture<Void> openShipped() {
        calls.add("openShipped");
        CompletableFuture<Void> f = opening != null ? opening : CompletableFuture.completedFuture(null);
        opening = null;
        return f.thenRun(() -> model = "shipped");
    }

    @Override
    public CompletableFuture<Void> compareWith(String name) {
        calls.add("compareWith(" + name + ")");
        compare = name;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> samplePlayFromStart() {
        calls.add("samplePlayFromStart");
        sample = "playing from the start";
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void sampleShowPixel(int row, int col) {
        calls.add("sampleShowPixel(" + row + "," + col + ")");
        sample = "paused at " + row + "," + col;
    }

    @Override
    public void sampleFinish() {
        calls.add("sampleFinish");
        sample = "finished";
    }

    @Override
    public CompletableFuture<Void> masksShowFirstKernel() {
        calls.add("masksShowFirstKernel");
        firstKernel = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> masksShowField(int row, int col, int layer) {
        calls.add("masksShowField(" + row + "," + col + "," + layer + ")");
        field = row + "," + col + " after " + layer;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void likelihoodShowTestImage(int index) {
        calls.add("likelihoodShowTestImage(" + index + ")");
        testImage = index;
    }
}
