package org.pixelscope.ui.likelihood;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The likelihoods of the shown image under each label of a class-conditional model, as a row of
 * bars: one column per digit y with p(y | x) as the bar's height and as a number above it, and
 * -log p(x | y) in nats beneath. The most probable digit's bar is highlighted, and for a test
 * image its true label's digit is marked, so a misclassified image shows two marks.
 *
 * <p>Thread: FX only.
 */
final class ClassPanel extends VBox {

    /** Height in screen pixels of a bar for p(y | x) = 1. */
    private static final double BAR_HEIGHT = 60;

    private final HBox columns = new HBox(6);
    private final Label summary = new Label();

    ClassPanel() {
        super(6);
        setId("class-likelihoods");
        getStyleClass().add("class-panel");
        Label title = new Label("The image under each digit: −log p(x | y) and p(y | x)");
        title.getStyleClass().add("map-title");
        Label note = new Label("The model scores the image once per digit y (one pass each). Bayes' rule with a"
                + " uniform prior p(y) turns the likelihoods into p(y | x) = p(x | y) / ∑ p(x | y′). Above each bar"
                + " p(y | x); beneath each digit −log p(x | y) in nats.");
        note.getStyleClass().add("note");
        note.setWrapText(true);
        summary.setId("class-summary");
        columns.setAlignment(Pos.BOTTOM_LEFT);
        getChildren().addAll(title, note, columns, summary);
    }

    /** Shows {@code p} (null: nothing yet) for an image whose true label is {@code label} (-1: none). */
    void show(ClassPosterior p, int label) {
        columns.getChildren().clear();
        if (p == null) {
            summary.setText("Computing…");
            return;
        }
        int best = p.predicted();
        for (int y = 0; y < p.classes(); y++) {
            columns.getChildren().add(column(p, y, y == best, y == label));
        }
        summary.setText(String.format(
                Locale.ROOT,
                "Most probable digit %d (p = %.3f)%s. With the digit unknown, −log ∑ p(y) p(x | y) = %.2f nats.",
                best,
                p.posterior()[best],
                label < 0 ? "" : label == best ? ", the true label" : "; the true label is " + label,
                p.marginalNats()));
    }

    private static VBox column(ClassPosterior p, int y, boolean predicted, boolean trueLabel) {
        double q = p.posterior()[y];
        Label share = new Label(String.format(Locale.ROOT, "%.2f", q));
        share.setId("class-posterior-" + y);
        share.getStyleClass().add("class-share");
        Region bar = new Region();
        bar.getStyleClass().add("class-bar");
        double h = Math.max(1, q * BAR_HEIGHT);
        bar.setMinSize(22, h);
        bar.setPrefSize(22, h);
        bar.setMaxSize(22, h);
        Label digit = new Label(Integer.toString(y));
        digit.getStyleClass().add("class-digit");
        Label nats = new Label(String.format(Locale.ROOT, "%.1f", p.nats(y)));
        nats.setId("class-nats-" + y);
        nats.getStyleClass().add("class-nats");
        VBox column = new VBox(2, share, bar, digit, nats);
        column.setAlignment(Pos.BOTTOM_CENTER);
        column.setMinWidth(Region.USE_PREF_SIZE);
        column.setId("class-" + y);
        column.getStyleClass().add("class-column");
        if (predicted) {
            column.getStyleClass().add("predicted");
        }
        if (trueLabel) {
            column.getStyleClass().add("true-label");
        }
        Tooltip.install(
                column,
                new Tooltip(String.format(
                        Locale.ROOT,
                        "Digit %d%s%s: −log p(x | y = %d) = %.2f nats, p(y = %d | x) = %.4f",
                        y,
                        predicted ? " (most probable)" : "",
                        trueLabel ? " (true label)" : "",
                        y,
                        p.nats(y),
                        y,
                        q)));
        return column;
    }
}
