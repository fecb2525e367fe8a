package org.pixelscope.ui.tour;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.pixelscope.ui.DemoControls;

/**
 * One step of a guided tour: a short title, the sentence the panel shows, and the action that puts
 * the views into the state the sentence talks about. The action sets everything the step shows
 * (view, model, pixel, layer), never a change relative to the step before, so applying it again,
 * going forward or back, leaves the same state.
 *
 * <p>Thread: immutable; the action runs on the FX thread.
 *
 * @param title  a few words, shown above the sentence
 * @param text   the sentence: what to look at and why
 * @param action sets up the views; its future completes once they show the step
 */
public record TourStep(String title, String text, Function<DemoControls, CompletableFuture<?>> action) {}
