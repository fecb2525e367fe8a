package org.pixelscope.ui;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.pixelscope.model.PixelModel;
import org.pixelscope.train.TrainingHistory;

/**
 * Asks before an action would lose work (another model, a new model, quitting while a run trains
 * or after one ended unsaved): Save, Discard or Cancel. Save stops the run and saves (asking for
 * a file name where needed) and then acts; Discard stops the run, forgets the work and acts;
 * Cancel, or cancelling the file chooser, does nothing. A failed save keeps the work and the
 * action does not happen.
 *
 * <p>Thread: FX only; {@link #guard} completes on the FX executor.
 */
public final class UnsavedWork {

    /** The user's answer. */
    public enum Choice {
        SAVE,
        DISCARD,
        CANCEL
    }

    /** Shows the question and waits for the answer (the app: a dialog; tests: a scripted reply). */
    @FunctionalInterface
    public interface Prompt {
        Choice ask(String header, String message);
    }

    private final ModelSession session;
    private final Prompt prompt;
    private final Supplier<CompletableFuture<Void>> stopTraining;
    private final Supplier<CompletableFuture<Path>> save;

    /**
     * @param stopTraining stops a run; completes on the FX thread once the session has its history
     * @param save         saves the current model; completes with null when the user cancels
     */
    public UnsavedWork(
            ModelSession session,
            Prompt prompt,
            Supplier<CompletableFuture<Void>> stopTraining,
            Supplier<CompletableFuture<Path>> save) {
        this.session = session;
        this.prompt = prompt;
        this.stopTraining = stopTraining;
        this.save = save;
    }

    /**
     * Runs {@code action} at once when no work would be lost, else after the user's Save or
     * Discard. Completes with true when the action ran.
     *
     * @param what what the action does, in the prompt: "open another model", "quit PixelScope"
     */
    public CompletableFuture<Boolean> guard(String what, Runnable action) {
        if (!session.hasUnsavedWork()) {
            action.run();
            return CompletableFuture.completedFuture(true);
        }
        Choice choice = prompt.ask("Save the trained model first?", message(what));
        if (choice == null || choice == Choice.CANCEL) {
            return CompletableFuture.completedFuture(false);
        }
        return stopTraining
                .get()
                .thenComposeAsync(
                        v -> {
                            if (choice == Choice.DISCARD) {
                                session.discardUnsaved();
                                return CompletableFuture.completedFuture(true);
                            }
                            // a failed save has shown its dialog: the work stays, the action waits
                            return save.get().handle((file, err) -> err == null && file != null);
                        },
                        session.jobs().fx())
                .thenApplyAsync(
                        go -> {
                            if (go) {
                                action.run();
                            }
                            return go;
                        },
                        session.jobs().fx());
    }

    /** What the prompt says: which model, what it holds, and what Discard gives up. */
    String message(String what) {
        PixelModel m = session.getModel();
        String name = m == null ? "The model" : m.spec().name();
        TrainingHistory h = session.historyProperty().get();
        if (session.isTraining()) {
            return String.format(
                    Locale.ROOT,
                    "%s is training. Save a checkpoint before you %s?%n%n"
                            + "Discard stops the run and drops everything trained since the last save.",
                    name,
                    what);
        }
        String trained =
                h == null ? "" : String.format(Locale.ROOT, " (%d epochs, %,d iterations)", h.epochs(), h.iterations());
        return String.format(
                Locale.ROOT,
                "%s has training that is not saved%s. Save a checkpoint before you %s?%n%n" + "Discard drops it.",
                name,
                trained,
                what);
    }
}
