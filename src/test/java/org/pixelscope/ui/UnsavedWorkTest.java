package org.pixelscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.train.TrainingHistory;

/** The Save / Discard / Cancel logic and the autosave, headless: a same-thread job runner and scripted answers. */
class UnsavedWorkTest {

    private static final PixelCnnSpec TINY =
            new PixelCnnSpec("tiny", "a small PixelCNN for tests", 28, 28, 8, 3, 1, 3, false);

    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();
    private final List<String> actions = new ArrayList<>();
    private ModelSession session;
    private UnsavedWork.Choice answer;
    private CompletableFuture<Path> saveResult;

    @BeforeEach
    void createModel() throws Exception {
        session = new ModelSession(JobRunner.direct(), dir.resolve("no-mnist"), Autosave.in(dir.resolve("autosave")));
        session.create(TINY).get();
    }

    @AfterEach
    void close() {
        session.getModel().close();
    }

    private UnsavedWork guard() {
        return new UnsavedWork(
                session,
                (header, message) -> {
                    asked.add(message);
                    return answer;
                },
                () -> CompletableFuture.completedFuture(null),
                () -> saveResult);
    }

    private void trainedButNotSaved() {
        session.trainingEnded(
                new TrainingHistory(1, 10, 7, "test", List.of(), List.of()), (t, m) -> errors.add(t + ": " + m));
    }

    @Test
    void nothingToLoseMeansNoQuestion() throws Exception {
        assertThat(guard().guard("open another model", () -> actions.add("open"))
                        .get())
                .isTrue();
        assertThat(asked).isEmpty();
        assertThat(actions).containsExactly("open");
    }

    @Test
    void trainedWorkIsAutosavedAndCancelKeepsIt() throws Exception {
        trainedButNotSaved();
        assertThat(session.unsavedProperty().get()).isTrue();
        assertThat(session.autosave().found()).as("written when the run ended").isPresent();
        answer = UnsavedWork.Choice.CANCEL;
        assertThat(guard().guard("open another model", () -> actions.add("open"))
                        .get())
                .isFalse();
        assertThat(asked)
                .singleElement()
                .asString()
                .contains("tiny has training that is not saved (1 epochs, 10 iterations)", "open another model");
        assertThat(actions).isEmpty();
        assertThat(session.unsavedProperty().get()).isTrue();
        assertThat(errors).isEmpty();
    }

    @Test
    void discardActsAndForgetsTheAutosave() throws Exception {
        trainedButNotSaved();
        answer = UnsavedWork.Choice.DISCARD;
        assertThat(guard().guard("quit PixelScope", () -> actions.add("quit")).get())
                .isTrue();
        assertThat(actions).containsExactly("quit");
        assertThat(session.unsavedProperty().get()).isFalse();
        assertThat(session.autosave().found()).isEmpty();
    }

    @Test
    void saveActsOnlyOnceTheFileIsWritten() throws Exception {
        trainedButNotSaved();
        answer = UnsavedWork.Choice.SAVE;
        saveResult = CompletableFuture.completedFuture(null); // the user cancelled the file chooser
        assertThat(guard().guard("create a new model", () -> actions.add("new")).get())
                .isFalse();
        assertThat(actions).isEmpty();

        Path file = dir.resolve("kept.zip");
        saveResult = session.save(file); // what the window's save does once a name is chosen
        assertThat(guard().guard("create a new model", () -> actions.add("new")).get())
                .isTrue();
        assertThat(actions).containsExactly("new");
        assertThat(Files.isRegularFile(file)).isTrue();
        assertThat(session.unsavedProperty().get())
                .as("saved: nothing left to lose")
                .isFalse();
        assertThat(session.autosave().found()).isEmpty();
        asked.clear();
        assertThat(guard().guard("create a new model", () -> actions.add("again"))
                        .get())
                .isTrue();
        assertThat(asked).as("no question once saved").isEmpty();
    }

    @Test
    void aFailedSaveKeepsTheWork() throws Exception {
        trainedButNotSaved();
        answer = UnsavedWork.Choice.SAVE;
        saveResult = CompletableFuture.failedFuture(new IllegalStateException("disk full"));
        assertThat(guard().guard("quit PixelScope", () -> actions.add("quit")).get())
                .isFalse();
        assertThat(actions).isEmpty();
        assertThat(session.unsavedProperty().get()).isTrue();
    }

    @Test
    void theAutosaveIsRestoredAsUnsavedWork() throws Exception {
        trainedButNotSaved();
        ModelSession next =
                new ModelSession(JobRunner.direct(), dir.resolve("no-mnist"), Autosave.in(dir.resolve("autosave")));
        assertThat(next.autosave().found()).isPresent();
        next.restoreAutosave().get();
        try {
            assertThat(next.getModel().spec()).isEqualTo(TINY);
            assertThat(next.historyProperty().get().iterations()).isEqualTo(10);
            assertThat(next.unsavedProperty().get()).isTrue();
            assertThat(next.checkpointProperty().get())
                    .as("Save asks for a name")
                    .isNull();
        } finally {
            next.getModel().close();
        }
    }
}
