package org.pixelscope.ui.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.pixelscope.train.ShippedModels;
import org.pixelscope.ui.DemoControls;

/** The tour's step list and its movement, without a window: each step against a recording {@link RecordingDemo}. */
class GuidedTourTest {

    private final RecordingDemo demo = new RecordingDemo();
    private final GuidedTour tour = new GuidedTour(TourSteps.pixelCnnDigit(), demo);

    /** The Gated PixelCNN the comparison step asks for: the shipped one when there is one. */
    private static final String GATED_SOURCE =
            ShippedModels.of(TourSteps.GATED).isPresent() ? DemoControls.shipped(TourSteps.GATED) : TourSteps.GATED;

    @Test
    void theGatedStepSaysWhetherItsModelIsTrained() {
        assertThat(TourSteps.gatedStep(true).text()).contains("pretrained").doesNotContain("untrained");
        assertThat(TourSteps.gatedStep(false).text()).contains("untrained");
        TourSteps.gatedStep(true).action().apply(demo);
        assertThat(demo.calls).contains("compareWith(shipped:pixelcnn-gated)");
    }

    @Test
    void eachStepDrivesTheViewsItsSentenceTalksAbout() {
        List<List<String>> expected = List.of(
                List.of("openShipped", "selectView(Sample)", "compareWith(null)", "samplePlayFromStart"),
                List.of("openShipped", "selectView(Sample)", "compareWith(null)", "sampleShowPixel(10,14)"),
                List.of("openShipped", "selectView(Masks)", "masksShowFirstKernel", "masksShowField(14,14,-1)"),
                List.of("openShipped", "selectView(Masks)", "masksShowFirstKernel", "masksShowField(14,14,0)"),
                List.of("openShipped", "selectView(Masks)", "masksShowFirstKernel", "masksShowField(14,14,-1)"),
                List.of(
                        "openShipped",
                        "selectView(Sample)",
                        "compareWith(" + GATED_SOURCE + ")",
                        "sampleShowPixel(14,14)"),
                List.of("openShipped", "selectView(Sample)", "compareWith(null)", "sampleFinish"),
                List.of("openShipped", "selectView(Likelihood)", "likelihoodShowTestImage(0)"),
                List.of("selectView(Train)"));
        assertThat(tour.steps()).hasSize(expected.size());
        tour.start();
        for (int k = 0; k < expected.size(); k++) {
            assertThat(tour.stepProperty().get()).isEqualTo(k);
            assertThat(demo.calls)
                    .as("step %d, %s", k + 1, tour.current().title())
                    .isEqualTo(expected.get(k));
            assertThat(tour.problemProperty().get()).isEmpty();
            demo.calls.clear();
            tour.next();
        }
        assertThat(tour.isLast()).isTrue();
        assertThat(demo.calls).as("Next on the last step does nothing").isEmpty();
    }

    @Test
    void goingBackShowsTheEarlierStepAgain() {
        tour.start();
        for (int k = 0; k < tour.steps().size() - 1; k++) {
            String arrived = demo.onScreen();
            tour.next();
            assertThat(demo.onScreen()).isNotEqualTo(arrived);
            tour.back();
            assertThat(demo.onScreen()).as("back to step %d", k + 1).isEqualTo(arrived);
            tour.next();
        }
    }

    @Test
    void everyStepButTheLastOpensTheShippedModelEvenAfterTheUserSwitched() {
        for (int k = 0; k < tour.steps().size() - 1; k++) {
            tour.start();
            for (int i = 0; i <= k; i++) {
                tour.next();
            }
            demo.model = "a model the user opened";
            tour.back();
            assertThat(demo.onScreen()).as("step %d", k + 1).contains("model=shipped");
        }
    }

    @Test
    void pressesDuringASlowStepLandOnTheLastOneWithoutTheStepsBetween() {
        CompletableFuture<Void> opening = demo.holdOpening();
        tour.start();
        tour.next();
        tour.next();
        assertThat(tour.stepProperty().get()).isEqualTo(2);
        assertThat(demo.calls).containsExactly("openShipped");
        opening.complete(null);
        assertThat(demo.calls)
                .containsExactly(
                        "openShipped",
                        "selectView(Sample)",
                        "compareWith(null)",
                        "samplePlayFromStart",
                        "openShipped",
                        "selectView(Masks)",
                        "masksShowFirstKernel",
                        "masksShowField(14,14,-1)");
        assertThat(demo.onScreen()).isEqualTo("Masks model=shipped firstKernel=true field=14,14 after -1");
    }

    @Test
    void aStepThatCannotBeSetUpSaysWhyAndMovingOnClearsIt() {
        CompletableFuture<Void> opening = demo.holdOpening();
        tour.start();
        opening.completeExceptionally(new IllegalStateException("the shipped checkpoint is missing"));
        assertThat(tour.problemProperty().get()).contains("the shipped checkpoint is missing");
        tour.next();
        assertThat(tour.problemProperty().get()).isEmpty();
        assertThat(demo.onScreen()).startsWith("Sample model=shipped");
    }

    @Test
    void arrowsAndPageKeysMoveTheTourAndEscEndsIt() {
        assertThat(tour.keyPressed(KeyCode.RIGHT, null))
                .as("not running: Right is the view's")
                .isFalse();
        tour.start();
        assertThat(tour.keyPressed(KeyCode.RIGHT, null)).isTrue();
        assertThat(tour.keyPressed(KeyCode.PAGE_DOWN, null)).isTrue();
        assertThat(tour.stepProperty().get()).isEqualTo(2);
        assertThat(tour.keyPressed(KeyCode.LEFT, null)).isTrue();
        assertThat(tour.stepProperty().get()).isEqualTo(1);
        assertThat(tour.keyPressed(KeyCode.PAGE_UP, null)).isTrue();
        assertThat(tour.keyPressed(KeyCode.LEFT, null))
                .as("Left on the first step is still the tour's")
                .isTrue();
        assertThat(tour.stepProperty().get()).isEqualTo(0);
        assertThat(tour.keyPressed(KeyCode.DOWN, null)).isFalse();
        assertThat(tour.keyPressed(KeyCode.ESCAPE, null)).isTrue();
        assertThat(tour.runningProperty().get()).isFalse();
        assertThat(tour.keyPressed(KeyCode.ESCAPE, null)).isFalse();
    }
}
