package org.pixelscope.ui.likelihood;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.DigitChoice;

/**
 * Where the model is surprised: a test image (or the user's drawing) large, beside it the map of
 * -log p(x_i | x_&lt;i) per pixel in nats with its colour scale, the image's NLL in nats and
 * bits/dim, and under the pointer one pixel's numbers. The image is also a pen: dragging paints
 * ink (right button or the eraser erases) and the map follows. "Rank test images" lists the most
 * and least likely test images as thumbnails; clicking one shows its map. For a class-conditional
 * model a row of bars gives the image's likelihood under each digit and p(y | x), and a choice
 * says which digit the map is conditioned on.
 *
 * <p>Thread: FX only. Maps and rankings are computed on workers ({@link LikelihoodViewModel}).
 */
public final class LikelihoodView extends BorderPane {

    /** Screen pixels per image pixel of the image and the map: 280 px for a 28x28 digit. */
    private static final double CELL = 10;

    private static final Color NO_MAP = Color.web("#2B2B2B");

    private final LikelihoodViewModel vm;
    private final CellGrid picture = new CellGrid(CELL);
    private final CellGrid heat = new CellGrid(CELL);
    private final Label caption = new Label();
    private final Label total = new Label();
    private final Label bits = new Label();
    private final Label pixel = new Label();
    private final Label mapTitle = new Label();
    private final ClassPanel classPanel = new ClassPanel();
    private final RankingStrip most;
    private final RankingStrip least;
    private final Label rankingNote = new Label();
    private int hovered = -1;

    public LikelihoodView(AppContext ctx) {
        this(new LikelihoodViewModel(ctx));
    }

    LikelihoodView(LikelihoodViewModel vm) {
        this.vm = vm;
        getStyleClass().add("likelihood-view");
        getStylesheets().add(LikelihoodView.class.getResource("likelihood.css").toExternalForm());
        picture.setId("likelihood-image");
        heat.setId("likelihood-map");
        caption.setId("likelihood-caption");
        total.setId("likelihood-total");
        pixel.setId("likelihood-pixel");
        total.getStyleClass().add("total");
        bits.setId("likelihood-bits");
        bits.getStyleClass().add("bits");
        pixel.getStyleClass().add("pixel-readout");
        caption.getStyleClass().add("caption");
        picture.setOnStroke((cells, secondary) ->
                vm.paint(cells, !secondary && !vm.eraserProperty().get()));
        picture.setOnHover(this::hover);
        heat.setOnHover(this::hover);
        most = new RankingStrip("Most likely (lowest NLL, nats)", "most-likely", vm::showTest);
        least = new RankingStrip("Least likely (highest NLL, nats)", "least-likely", vm::showTest);
        rankingNote.getStyleClass().add("note");
        rankingNote.setWrapText(true);
        setTop(toolbar());
        classPanel.visibleProperty().bind(vm.classesProperty().greaterThan(0));
        classPanel.managedProperty().bind(classPanel.visibleProperty());
        ScrollPane body = new ScrollPane(new VBox(10, maps(), classPanel, new Separator(), ranking()));
        body.setFitToWidth(true);
        body.getStyleClass().add("body");
        body.setPadding(new Insets(10));
        setCenter(body);
        vm.imageProperty().addListener(o -> drawPicture());
        vm.mapProperty().addListener(o -> showMap());
        vm.messageProperty().addListener(o -> showMap());
        vm.sourceProperty().addListener(o -> showMap());
        vm.posteriorProperty().addListener(o -> showClasses());
        vm.rankingProperty().addListener(o -> showRanking());
        vm.rankingBusyProperty().addListener(o -> showRanking());
        drawPicture();
        showMap();
        showClasses();
        showRanking();
    }

    /** The view model, for tests and the guided tour. */
    public LikelihoodViewModel viewModel() {
        return vm;
    }

    private Node toolbar() {
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                0, 9999, vm.testIndexProperty().get());
        vm.testCountProperty().addListener((obs, was, is) -> f.setMax(Math.max(0, is.intValue() - 1)));
        Spinner<Integer> index = new Spinner<>(f);
        index.setId("test-index");
        index.setEditable(true);
        index.setPrefWidth(90);
        f.valueProperty().addListener((obs, was, v) -> {
            if (v != null && v != vm.testIndexProperty().get()) {
                vm.testIndexProperty().set(v);
            }
        });
        vm.testIndexProperty().addListener((obs, was, v) -> f.setValue(v.intValue()));
        Button prev = button("◀", "previous-image", () -> vm.step(-1));
        Button next = button("▶", "next-image", () -> vm.step(1));
        ToggleButton eraser = new ToggleButton("Eraser");
        eraser.setId("eraser");
        eraser.selectedProperty().bindBidirectional(vm.eraserProperty());
        Button clear = button("Clear", "clear-drawing", vm::clear);
        Button fromTest = button("Start from test image", "from-test", vm::startFromTest);
        Button rank = button("Rank test images", "rank", vm::rank);
        rank.disableProperty().bind(vm.rankingBusyProperty());
        Label draw = new Label("Draw on the image: drag to ink, right-drag to erase");
        draw.getStyleClass().addAll("note", "draw-hint");
        ToolBar bar = new ToolBar(
                new Label("Test image"),
                index,
                prev,
                next,
                new Separator(Orientation.VERTICAL),
                eraser,
                clear,
                fromTest,
                new Separator(Orientation.VERTICAL),
                rank);
        return new VBox(bar, draw);
    }

    private Node maps() {
        Label imageTitle = new Label("Image");
        imageTitle.getStyleClass().add("map-title");
        mapTitle.setId("likelihood-map-title");
        mapTitle.getStyleClass().add("map-title");
        VBox left = new VBox(4, imageTitle, picture, caption, completion());
        VBox right = new VBox(4, mapTitle, heat, givenDigit());
        Label unit = new Label("nats\n(clipped\nat " + (int) HeatScale.MAX_NATS + ")");
        unit.getStyleClass().add("note");
        fixed(unit);
        ScaleLegend legend =
                new ScaleLegend(heat.getHeight() > 0 ? heat.getHeight() : org.pixelscope.data.MnistData.SIDE * CELL);
        legend.setId("likelihood-legend");
        VBox scale = new VBox(4, new Label(" "), legend, unit);
        Label formula = new Label("the sum of the pixels' −log p;\nbits/dim = nats / (pixels · ln 2)");
        formula.getStyleClass().add("note");
        VBox numbers = new VBox(6, new Label(" "), total, bits, formula, new Separator(), pixel);
        numbers.setMinWidth(200);
        numbers.setPrefWidth(240);
        HBox row = new HBox(16, left, right, scale, numbers);
        row.setAlignment(Pos.TOP_LEFT);
        return row;
    }

    /** "Keep the top [K] rows, [Complete]": the model draws the rest of the shown image. */
    private Node completion() {
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                1, 27, vm.keptRowsProperty().get());
        f.valueProperty().addListener((obs, was, v) -> {
            if (v != null) {
                vm.keptRowsProperty().set(v);
            }
        });
        Spinner<Integer> rows = new Spinner<>(f);
        rows.setId("kept-rows");
        rows.setEditable(true);
        rows.setPrefWidth(70);
        Button complete = button("Complete", "complete", vm::complete);
        complete.disableProperty().bind(vm.completingProperty());
        complete.setTooltip(new Tooltip("The model draws the rows below, pixel by pixel, as in the Sample view"));
        HBox box = new HBox(6, fixed(new Label("Keep top")), rows, fixed(new Label("rows,")), complete);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private Node ranking() {
        HBox ends = new HBox(24, most, least);
        return new VBox(8, rankingNote, ends);
    }

    private void drawPicture() {
        float[] image = vm.imageProperty().get();
        int side = side(image);
        picture.show(side, side, k -> image != null ? Color.gray(Math.max(0, Math.min(1, image[k]))) : Color.BLACK);
        showCaption();
    }

    private void showMap() {
        LikelihoodMap m = vm.mapProperty().get();
        if (m == null) {
            heat.show(org.pixelscope.data.MnistData.SIDE, org.pixelscope.data.MnistData.SIDE, k -> NO_MAP);
            total.setText(
                    vm.messageProperty().get().isEmpty()
                            ? "Computing…"
                            : vm.messageProperty().get());
            bits.setText("");
        } else {
            heat.show(m.height(), m.width(), k -> HeatScale.of(m.nats()[k]));
            total.setText(String.format(Locale.ROOT, "NLL %.2f nats", m.total()));
            bits.setText(String.format(Locale.ROOT, "= %.4f bits/dim", m.bitsPerDim()));
        }
        mapTitle.setText(
                vm.classesProperty().get() == 0
                        ? "−log p(xᵢ | x<ᵢ) per pixel"
                        : vm.mapDigitProperty().get() < 0
                                ? "−log p(xᵢ | x<ᵢ) per pixel, mixture over digits"
                                : "−log p(xᵢ | x<ᵢ, y = "
                                        + vm.mapDigitProperty().get() + ") per pixel");
        showCaption();
        hover(hovered);
    }

    private void showClasses() {
        classPanel.show(vm.posteriorProperty().get(), vm.labelProperty().get());
    }

    private void showCaption() {
        caption.setText(
                vm.sourceProperty().get() == LikelihoodViewModel.Source.DRAWN
                        ? "Your drawing"
                        : "Test image " + vm.testIndexProperty().get()
                                + (vm.labelProperty().get() < 0
                                        ? ""
                                        : ", label " + vm.labelProperty().get())
                                + caption(vm.mapProperty().get()));
    }

    /** How the test image was discretised: the fixed binarisation, or the model's K grey levels. */
    private static String caption(LikelihoodMap map) {
        return map == null || map.levels() == 2
                ? " (fixed test binarisation)"
                : " (K = " + map.levels() + " grey levels)";
    }

    private void hover(int k) {
        hovered = k;
        picture.highlight(k);
        heat.highlight(k);
        LikelihoodMap m = vm.mapProperty().get();
        if (k < 0 || m == null || k >= m.size()) {
            pixel.setText("Point at a pixel to see its numbers.");
            return;
        }
        if (m.levels() > 2) {
            pixel.setText(String.format(
                    Locale.ROOT,
                    "Row %d, column %d\n(pixel %d in raster order)\nx = level %d of 0..%d\np(x = %d) = %.4f\n"
                            + "−log p(x = %d) = %.3f nats",
                    k / m.width(),
                    k % m.width(),
                    k,
                    m.level(k),
                    m.levels() - 1,
                    m.level(k),
                    m.p()[k],
                    m.level(k),
                    m.nats()[k]));
            return;
        }
        pixel.setText(String.format(
                Locale.ROOT,
                "Row %d, column %d\n(pixel %d in raster order)\nx = %d\np(x = 1) = %.4f\n−log p(x = %d) = %.3f nats",
                k / m.width(),
                k % m.width(),
                k,
                (int) m.pixels()[k],
                m.p()[k],
                (int) m.pixels()[k],
                m.nats()[k]));
    }

    private void showRanking() {
        Ranking r = vm.rankingProperty().get();
        most.show(r == null ? List.of() : r.mostLikely());
        least.show(r == null ? List.of() : r.leastLikely());
        most.setVisible(r != null);
        least.setVisible(r != null);
        most.setManaged(r != null);
        least.setManaged(r != null);
        rankingNote.setText(
                vm.rankingBusyProperty().get()
                        ? "Scoring the test images (progress in the status bar)…"
                        : r == null
                                ? "Rank test images scores every test image with the current model (one forward pass per"
                                        + " image) and lists the most and least likely here."
                                : String.format(
                                        Locale.ROOT,
                                        "%,d test images scored, mean NLL %.2f nats. Click a digit to see its map.",
                                        r.scored(),
                                        r.meanNats()));
    }

    /** A label that keeps its whole text rather than an ellipsis. */
    private static Label fixed(Label l) {
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static int side(float[] image) {
        return image == null ? org.pixelscope.data.MnistData.SIDE : (int) Math.round(Math.sqrt(image.length));
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    /** Which p(x | y) a conditional model's map shows: the image's true label, the mixture, or a digit. */
    private DigitChoice givenDigit() {
        Map<Integer, String> specials = new LinkedHashMap<>();
        specials.put(ImageScore.GIVEN_TRUE_LABEL, "true label");
        specials.put(ImageScore.GIVEN_MIXTURE, "mixture over digits");
        DigitChoice given =
                new DigitChoice("Given digit", vm.givenDigitProperty(), vm.classesProperty(), specials, () -> {});
        given.setId("given-digit-choice");
        given.box().setId("given-digit");
        return given;
    }
}
