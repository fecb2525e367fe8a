package org.pixelscope.ui.tour;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.pixelscope.ui.DemoControls;

/**
 * A guided tour: a list of {@link TourStep}s, the step on show, and moving forward and back. The
 * step number changes at once; the step's action runs through {@link DemoControls}, one action at
 * a time: presses that arrive while an action waits (a model loading) only move the step number,
 * and when the action ends the step then on show is applied, so a quick run of Next presses lands
 * on the right state without queueing every step in between.
 *
 * <p>While the tour runs it owns Right and Left, PageDown and PageUp (what presentation clickers
 * send) and Esc ({@link #keyPressed}); the main window asks it first, so Right moves the tour
 * rather than stepping a pixel in the Sample view.
 *
 * <p>Thread: FX only. Actions' futures complete on the FX thread (see {@link DemoControls}).
 */
public final class GuidedTour {

    private final List<TourStep> steps;
    private final DemoControls controls;
    private final ReadOnlyIntegerWrapper step = new ReadOnlyIntegerWrapper(this, "step", 0);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private boolean applying;
    /** The step whose action ran last, -1 when none has since the tour (re)started. */
    private int applied = -1;

    public GuidedTour(List<TourStep> steps, DemoControls controls) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a tour needs at least one step");
        }
        this.steps = List.copyOf(steps);
        this.controls = controls;
    }

    public List<TourStep> steps() {
        return steps;
    }

    /** The step on show, 0-based. */
    public ReadOnlyIntegerProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Why the step on show could not be set up; empty when it was (or still is being). */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public TourStep current() {
        return steps.get(step.get());
    }

    public boolean isLast() {
        return step.get() == steps.size() - 1;
    }

    /** Starts the tour at its first step (again, when it runs already). */
    public void start() {
        applied = -1;
        running.set(true);
        go(0);
    }

    public void next() {
        if (running.get() && !isLast()) {
            go(step.get() + 1);
        }
    }

    public void back() {
        if (running.get() && step.get() > 0) {
            go(step.get() - 1);
        }
    }

    /** Ends the tour; the views stay as the last step left them. */
    public void end() {
        running.set(false);
        problem.set("");
    }

    /**
     * Handles a key press while the tour runs: Right or PageDown goes forward, Left or PageUp
     * back, Esc ends the tour. Arrows typed into a text field stay there. Returns whether the key
     * was the tour's (the caller then consumes it).
     */
    public boolean keyPressed(KeyCode code, Node focused) {
        if (!running.get()) {
            return false;
        }
        boolean typing = focused instanceof TextInputControl;
        switch (code) {
            case ESCAPE -> end();
            case PAGE_DOWN -> next();
            case PAGE_UP -> back();
            case RIGHT -> {
                if (typing) {
                    return false;
                }
                next();
            }
            case LEFT -> {
                if (typing) {
                    return false;
                }
                back();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void go(int index) {
        step.set(index);
        problem.set("");
        applyCurrent();
    }

    /** Runs the action of the step on show unless one is running (then it follows) or it ran last. */
    private void applyCurrent() {
        if (applying || !running.get() || applied == step.get()) {
            return;
        }
        int index = step.get();
        applying = true;
        CompletableFuture<?> done;
        try {
            done = steps.get(index).action().apply(controls);
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((v, e) -> {
            applying = false;
            applied = index;
            if (e != null && running.get() && step.get() == index) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                problem.set("This step could not be set up: "
                        + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
            }
            applyCurrent();
        });
    }
}
