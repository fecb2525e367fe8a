package org.pixelscope.ui.likelihood;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pixelscope.data.MnistData;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.JobRunner;
import org.pixelscope.ui.ModelSession;
import org.pixelscope.ui.StatusModel;
import org.pixelscope.ui.TestAutosave;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The bars of a class-conditional model's ten likelihoods: shown, computed on a worker, hidden for an unconditional model. */
@ExtendWith(ApplicationExtension.class)
class ConditionalLikelihoodViewTest {

    private final List<String> errors = new CopyOnWriteArrayList<>();
    /**
     * The threads that handed results to the FX thread: a computation's result is posted by the
     * thread that finished it, a worker's if it ran on a worker, the FX thread's if it ran there.
     */
    private final List<String> posters = new CopyOnWriteArrayList<>();

    private ModelSession session;
    private LikelihoodViewModel vm;

    @Start
    void start(Stage stage) {
        session = new ModelSession(
                JobRunner.threaded(r -> {
                    posters.add(Thread.currentThread().getName());
                    Platform.runLater(r);
                }),
                MnistData.defaultDir(),
                TestAutosave.folder());
        vm = new LikelihoodViewModel(
                new AppContext(session, new StatusModel(), (t, m) -> errors.add(t + ": " + m)), 1, Duration.ZERO);
        stage.setScene(new Scene(new LikelihoodView(vm), 1000, 900));
        stage.show();
    }

    @Test
    void showsTheTenLikelihoodsComputedOffTheFxThreadAndHidesThemForAnUnconditionalModel(FxRobot robot)
            throws Exception {
        session.create(ConditionalLikelihoodViewModelTest.TINY, 5).get(60, SECONDS);
        WaitForAsyncUtils.waitFor(
                60, SECONDS, () -> fx(() -> vm.posteriorProperty().get()) != null);
        WaitForAsyncUtils.waitForFxEvents();
        ClassPosterior p = fx(() -> vm.posteriorProperty().get());
        int label = fx(() -> vm.labelProperty().get());
        assertThat(fx(() -> robot.lookup("#class-likelihoods").query().isVisible()))
                .isTrue();
        assertThat(fx(() -> robot.lookup("#given-digit-choice").query().isVisible()))
                .isTrue();
        for (int y = 0; y < 10; y++) {
            int digit = y;
            assertThat(text(robot, "#class-nats-" + y)).isEqualTo(String.format(Locale.ROOT, "%.1f", p.nats(digit)));
            assertThat(text(robot, "#class-posterior-" + y))
                    .isEqualTo(String.format(Locale.ROOT, "%.2f", p.posterior()[digit]));
            Node column = fx(() -> robot.lookup("#class-" + digit).query());
            assertThat(column.getStyleClass().contains("predicted")).isEqualTo(y == p.predicted());
            assertThat(column.getStyleClass().contains("true-label")).isEqualTo(y == label);
        }
        assertThat(text(robot, "#likelihood-map-title")).contains("y = " + label);

        // off the FX thread: while the FX thread waits, a worker computes a stroke's scores and posts them
        String poster = fx(() -> {
            int before = posters.size();
            vm.paint(new int[] {20 * 28 + 3, 20 * 28 + 4}, true);
            assertThat(vm.posteriorProperty().get()).isSameAs(p);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (posters.size() == before && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            return posters.size() > before ? posters.get(before) : "nothing posted";
        });
        assertThat(poster).startsWith("pixelscope-job-");
        WaitForAsyncUtils.waitFor(
                10, SECONDS, () -> fx(() -> vm.posteriorProperty().get()) != p);
        assertThat(text(robot, "#class-summary")).doesNotContain("true label");

        ComboBox<?> given = fx(() -> robot.lookup("#given-digit").queryAs(ComboBox.class));
        fx(() -> {
            ((ComboBox<Integer>) given).setValue(ImageScore.GIVEN_MIXTURE);
            return null;
        });
        assertThat(fx(() -> vm.givenDigitProperty().get())).isEqualTo(ImageScore.GIVEN_MIXTURE);

        session.create(ConditionalLikelihoodViewModelTest.TINY_PLAIN, 5).get(60, SECONDS);
        WaitForAsyncUtils.waitFor(
                60,
                SECONDS,
                () -> fx(() -> vm.mapProperty().get() != null
                        && vm.mapProperty().get().size() == 784
                        && vm.posteriorProperty().get() == null));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> robot.lookup("#class-likelihoods").query().isVisible()))
                .isFalse();
        assertThat(fx(() -> robot.lookup("#given-digit-choice").query().isVisible()))
                .isFalse();
        assertThat(text(robot, "#likelihood-map-title")).isEqualTo("−log p(xᵢ | x<ᵢ) per pixel");
        assertThat(errors).isEmpty();
    }

    private static String text(FxRobot robot, String id) throws Exception {
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(90, SECONDS);
    }
}
