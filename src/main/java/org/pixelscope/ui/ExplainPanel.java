package org.pixelscope.ui;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/**
 * The explanation beside a view (F1): a short, exact account of what is on screen and why, with
 * its formulas set apart in a larger serif face ({@link Explanation} reads the texts).
 *
 * <p>Thread: FX only.
 */
public final class ExplainPanel extends ScrollPane {

    private final VBox body = new VBox(10);

    public ExplainPanel() {
        getStyleClass().add("explain-panel");
        body.getStyleClass().add("explain-body");
        body.setPadding(new Insets(12, 14, 12, 14));
        setContent(body);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setPrefWidth(340);
        setMinWidth(260);
    }

    /** Shows the explanation of {@code view} ({@code sample}, {@code masks}, {@code train}, {@code summary}, {@code likelihood}). */
    public void show(String view) {
        Explanation text = Explanation.of(view);
        body.getChildren().clear();
        Label title = new Label(text.title());
        title.getStyleClass().add("explain-title");
        title.setWrapText(true);
        body.getChildren().add(title);
        for (Explanation.Block b : text.blocks()) {
            Label l = new Label(b.text());
            l.setWrapText(true);
            l.getStyleClass().add(b.formula() ? "explain-formula" : "explain-text");
            body.getChildren().add(l);
        }
        setVvalue(0);
    }
}
