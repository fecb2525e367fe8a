package org.pixelscope.ui.tour;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The guided tour's bar under the views: "step k of n" and the step's title, its sentence in a
 * face large enough to read from the back of a lecture room (lecture mode zooms it further), a
 * line naming the keys, and Back, Next and End. Shown only while the tour runs. The buttons take
 * no focus when clicked, so the arrow keys keep moving the tour.
 *
 * <p>Thread: FX only.
 */
public final class TourPanel extends VBox {

    private final GuidedTour tour;
    private final Label position = new Label();
    private final Label title = new Label();
    private final Label text = new Label();
    private final Label problem = new Label();
    private final Button back = button("‹ Back", "tour-back");
    private final Button next = button("Next ›", "tour-next");
    private final Button end = button("End tour", "tour-end");

    public TourPanel(GuidedTour tour) {
        super(4);
        this.tour = tour;
        setId("tour-panel");
        getStyleClass().add("tour-panel");
        getStylesheets().add(TourPanel.class.getResource("tour.css").toExternalForm());
        setPadding(new Insets(10, 16, 10, 16));
        position.setId("tour-position");
        position.getStyleClass().add("tour-position");
        title.setId("tour-title");
        title.getStyleClass().add("tour-title");
        text.setId("tour-text");
        text.getStyleClass().add("tour-text");
        text.setWrapText(true);
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        problem.setId("tour-problem");
        problem.getStyleClass().add("tour-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(tour.problemProperty());
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        Label keys = new Label("→ / PgDn next · ← / PgUp back · Esc ends");
        keys.getStyleClass().add("tour-keys");
        back.setOnAction(e -> tour.back());
        next.setOnAction(e -> {
            if (tour.isLast()) {
                tour.end();
            } else {
                tour.next();
            }
        });
        end.setOnAction(e -> tour.end());
        HBox spacer = new HBox();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(10, position, title, spacer, keys, back, next, end);
        head.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(head, text, problem);
        visibleProperty().bind(tour.runningProperty());
        managedProperty().bind(visibleProperty());
        tour.stepProperty().addListener(o -> show());
        tour.runningProperty().addListener(o -> show());
        show();
    }

    public GuidedTour tour() {
        return tour;
    }

    private void show() {
        int k = tour.stepProperty().get();
        int n = tour.steps().size();
        TourStep step = tour.current();
        position.setText("Guided tour · " + (k + 1) + " of " + n);
        title.setText(step.title());
        text.setText(step.text());
        back.setDisable(k == 0);
        next.setText(tour.isLast() ? "Done" : "Next ›");
    }

    private static Button button(String label, String id) {
        Button b = new Button(label);
        b.setId(id);
        b.setFocusTraversable(false);
        return b;
    }
}
