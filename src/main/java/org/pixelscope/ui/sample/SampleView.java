package org.pixelscope.ui.sample;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.Property;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.pixelscope.data.MnistData;
import org.pixelscope.sample.PixelStep;
import org.pixelscope.sample.SampleRequest;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.ui.AppContext;
import org.pixelscope.ui.DigitChoice;

/**
 * Generation, pixel by pixel: a grid of images drawn in raster order and replayed at the
 * speed slider's rate, with play, pause, step pixel, step row, finish and reset; beside it, for
 * the selected image, the current pixel's context and distribution; completion of a test image's
 * top rows; PNG and GIF export. Follows {@code ctx.session().modelProperty()}: a new model starts
 * a new generation. With focus, Right steps a pixel and Down a row (the main window's own key
 * filter takes Right first and calls {@link #stepPixel()}, so a key press steps once).
 *
 * <p>Thread: FX only. The sampler and exports run on workers ({@link SampleViewModel}).
 */
public final class SampleView extends BorderPane {

    private final AppContext ctx;
    private final SampleViewModel vm;
    private final GridCanvas grid = new GridCanvas();
    private final ContextPanel context;
    private final CompareLayout compare;
    private final ScrollPane compareScroll;
    private final ScrollPane side;
    private final Button play = new Button("Play");
    private final Label progress = new Label();

    public SampleView(AppContext ctx) {
        this.ctx = ctx;
        this.vm = new SampleViewModel(ctx);
        this.context = new ContextPanel(vm);
        context.onToggles(this::refresh);
        this.compare = new CompareLayout(vm);
        // at lecture zoom the two panes may need more height than the window has: scroll rather than clip
        this.compareScroll = new ScrollPane(compare);
        compareScroll.setFitToWidth(true);
        compareScroll.setFitToHeight(true);
        compareScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        compareScroll.getStyleClass().add("side");
        getStyleClass().add("sample-view");
        getStylesheets().add(SampleView.class.getResource("sample.css").toExternalForm());
        grid.setId("sample-grid");
        grid.setOnImageClicked(i -> vm.selectedImageProperty().set(i));
        grid.setOnMousePressed(e -> requestFocus());
        // hovering a pixel of the grid shows the number behind it: p(x=1) when it was drawn, and the value
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        tip.setShowDelay(javafx.util.Duration.millis(100));
        javafx.scene.control.Tooltip.install(grid.canvas(), tip);
        grid.canvas().setOnMouseMoved(e -> tip.setText(hoverText(grid.pixelAt(e.getX(), e.getY()))));
        progress.setId("sample-progress");
        setTop(new VBox(6, transport(), settings()));
        setCenter(grid);
        side = new ScrollPane(context);
        side.setFitToWidth(true);
        side.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        side.setPrefWidth(350);
        side.setMinWidth(350);
        side.getStyleClass().add("side");
        setRight(side);
        setBottom(progress);
        BorderPane.setMargin(side, new Insets(0, 0, 0, 10));
        setPadding(new Insets(10));
        setFocusTraversable(true);
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.RIGHT) {
                stepPixel();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN) {
                stepRow();
                e.consume();
            }
        });
        vm.shownProperty().addListener(o -> refresh());
        vm.traceProperty().addListener(o -> refresh());
        vm.selectedImageProperty().addListener(o -> refresh());
        vm.fieldProperty().addListener(o -> refresh());
        // while comparing, each pane's caption tells how far and how fast its sampler got
        vm.computedProperty().addListener(o -> {
            if (comparing()) {
                refresh();
            } else {
                showProgress();
            }
        });
        vm.compareWithProperty().addListener(o -> layOut());
        Comparison c = vm.comparison();
        c.traceProperty().addListener(o -> refresh());
        c.fieldProperty().addListener(o -> refresh());
        c.modelProperty().addListener(o -> refresh());
        vm.playingProperty().addListener((obs, o, p) -> play.setText(p ? "Pause" : "Play"));
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                vm.tick(now);
            }
        };
        sceneProperty().addListener((obs, o, scene) -> {
            if (scene != null) {
                timer.start();
            } else {
                timer.stop();
            }
        });
        refresh();
    }

    public SampleViewModel viewModel() {
        return vm;
    }

    /** Shows one more pixel of every image (Right arrow). */
    public void stepPixel() {
        vm.stepPixel();
    }

    /** Shows one more row of every image (Down arrow). */
    public void stepRow() {
        vm.stepRow();
    }

    public void playPause() {
        vm.playPause();
    }

    /** Shows everything as soon as the sampler has computed it. */
    public void finish() {
        vm.finish();
    }

    /** A new generation with the current settings. */
    public void reset() {
        vm.reset();
    }

    /** Writes the grid as it is shown now to a PNG, on a worker, atomically. */
    public void exportPng(Path file) {
        vm.exportPng(file);
    }

    /** Writes the generation (as far as computed) as an animated GIF, on a worker, atomically. */
    public void exportGif(Path file) {
        vm.exportGif(file);
    }

    GridCanvas grid() {
        return grid;
    }

    ContextPanel context() {
        return context;
    }

    /** True while two models are compared (or the second one loads): the two-pane layout. */
    boolean comparing() {
        return !(vm.compareWithProperty().get() instanceof CompareSource.None);
    }

    CompareLayout compareLayout() {
        return compare;
    }

    /** The hover text of {image, raster position}: its p(x=1) and the value drawn, or that it is not drawn yet. */
    String hoverText(int[] at) {
        SampleTrace t = vm.traceProperty().get();
        if (at == null || t == null) {
            return "";
        }
        int image = at[0];
        int k = at[1];
        String where = String.format(
                java.util.Locale.ROOT, "Image %d, pixel (%d, %d)", image + 1, k / t.width(), k % t.width());
        if (k >= vm.shownProperty().get()) {
            return where + ": not drawn yet";
        }
        PixelStep s = t.step(image, k);
        if (s.categorical()) {
            return where
                    + String.format(
                            java.util.Locale.ROOT,
                            ": drew level %d of 0..%d, p(x = %d) = %.3f",
                            s.value(),
                            t.levels() - 1,
                            s.value(),
                            s.probability());
        }
        return s.given()
                ? where + String.format(": %d, kept from the test image (not drawn)", s.value())
                : where
                        + String.format(
                                java.util.Locale.ROOT,
                                ": p(x = 1) = %.3f, drew %d%s",
                                s.probability(),
                                s.value(),
                                s.value() == 1 ? " (ink)" : "");
    }

    /** One grid with the context panel beside it, or the two panes of a comparison. */
    private void layOut() {
        boolean two = comparing();
        setCenter(two ? compareScroll : grid);
        setRight(two ? null : side);
        refresh();
    }

    private void refresh() {
        if (comparing()) {
            compare.update();
            showProgress();
            return;
        }
        SampleTrace t = vm.traceProperty().get();
        PixelStep step = vm.currentStep();
        org.pixelscope.inspect.ReceptiveField rf = vm.fieldProperty().get();
        grid.setOverlay(
                rf == null || step == null ? null : rf.outputField(step.row(), step.col()),
                context.showField(),
                context.showCausal());
        grid.show(t, vm.shownProperty().get(), vm.selectedImageProperty().get(), vm::valueAt);
        context.update();
        showProgress();
    }

    private void showProgress() {
        SampleTrace t = vm.traceProperty().get();
        if (t == null) {
            progress.setText(
                    ctx.session().getModel() == null ? "No model: open a checkpoint or create a model." : "Preparing…");
            return;
        }
        progress.setText(String.format(
                        "Shown %d / %d pixels per image · computed %d / %d",
                        vm.shownProperty().get(),
                        t.pixelsPerImage(),
                        vm.computedProperty().get(),
                        t.pixelsPerImage())
                + (comparing()
                        ? " in both panes (playback waits for the slower model)"
                        : " · model: " + ctx.session().sourceProperty().get()));
    }

    private Node transport() {
        play.setId("play");
        play.setOnAction(e -> playPause());
        Button step = button("Step pixel", "step-pixel", this::stepPixel);
        Button row = button("Step row", "step-row", this::stepRow);
        Button finish = button("Finish", "finish", this::finish);
        Button reset = button("Reset", "reset", this::reset);
        Slider speed = new Slider(0, Playback.FASTEST, vm.speedProperty().get());
        speed.setId("speed");
        speed.setPrefWidth(160);
        speed.setBlockIncrement(0.05);
        speed.valueProperty().bindBidirectional(vm.speedProperty());
        Label speedText = new Label();
        speedText.setMinWidth(120);
        speedText
                .textProperty()
                .bind(vm.speedProperty().map(v -> Playback.describeRate(Playback.rateFor(v.doubleValue()))));
        Button png =
                button("Export PNG…", "export-png", () -> choose("PNG image", "*.png", "samples.png", this::exportPng));
        Button gif = button(
                "Export GIF…", "export-gif", () -> choose("Animated GIF", "*.gif", "generation.gif", this::exportGif));
        return bar(
                play,
                step,
                row,
                finish,
                reset,
                new Separator(Orientation.VERTICAL),
                new Label("Speed"),
                speed,
                speedText,
                new Separator(Orientation.VERTICAL),
                png,
                gif);
    }

    private Node settings() {
        Spinner<Integer> count = spinner(vm.countProperty(), 1, SampleRequest.MAX_COUNT, "count");
        Spinner<Integer> seed = spinner(vm.seedProperty(), 0, Integer.MAX_VALUE, "seed");
        seed.setPrefWidth(110);
        Slider temperature =
                slider(vm.temperatureProperty(), TemperatureField.MIN, TemperatureField.MAX, "temperature");
        temperature.setBlockIncrement(0.05);
        TemperatureField tText = new TemperatureField(vm.temperatureProperty());
        CheckBox complete = new CheckBox("Complete test image");
        complete.setId("completion");
        complete.selectedProperty().bindBidirectional(vm.completionProperty());
        complete.selectedProperty().addListener(o -> reset());
        // the data set's size is known once completion has read it; until then the sampler checks the index
        Spinner<Integer> test = spinner(vm.testImageProperty(), 0, Integer.MAX_VALUE, "test-image");
        vm.testImagesProperty()
                .addListener((obs, o, n) -> ((SpinnerValueFactory.IntegerSpinnerValueFactory) test.getValueFactory())
                        .setMax(Math.max(0, n.intValue() - 1)));
        Slider kept = slider(vm.keptRowsProperty(), 1, MnistData.SIDE - 1, "kept-rows");
        kept.setMajorTickUnit(1);
        kept.setMinorTickCount(0);
        kept.setSnapToTicks(true);
        kept.setBlockIncrement(1);
        Label keptText = new Label();
        keptText.setMinWidth(60);
        keptText.textProperty().bind(vm.keptRowsProperty().asString("top %d rows"));
        test.disableProperty().bind(complete.selectedProperty().not());
        kept.disableProperty().bind(complete.selectedProperty().not());
        DigitChoice digit = new DigitChoice(
                "Digit",
                vm.digitProperty(),
                vm.classesProperty(),
                java.util.Map.of(Generation.ALL_DIGITS, "All digits (a row each)"),
                this::reset);
        digit.box().setId("digit");
        return bar(
                new Label("Images"),
                count,
                digit,
                new Label("Seed"),
                seed,
                new Label("Temperature"),
                temperature,
                tText,
                new Separator(Orientation.VERTICAL),
                complete,
                test,
                kept,
                keptText,
                new Separator(Orientation.VERTICAL),
                new Label("Compare with"),
                new ComparePicker(
                        vm.compareWithProperty(),
                        () -> getScene() == null ? null : getScene().getWindow()));
    }

    /** An integer spinner that follows {@code p} and starts a new generation when changed. */
    private Spinner<Integer> spinner(IntegerProperty p, int min, int max, String id) {
        SpinnerValueFactory.IntegerSpinnerValueFactory f =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, p.get());
        Spinner<Integer> s = new Spinner<>(f);
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(80);
        f.valueProperty().addListener((obs, o, v) -> {
            if (v != null && v != p.get()) {
                p.set(v);
                reset();
            }
        });
        p.addListener((obs, o, v) -> f.setValue(v.intValue()));
        return s;
    }

    /** A slider that follows {@code p} and starts a new generation when released. */
    private Slider slider(Property<Number> p, double min, double max, String id) {
        Slider s = new Slider(min, max, p.getValue().doubleValue());
        s.setId(id);
        s.setPrefWidth(120);
        s.valueProperty().bindBidirectional(p);
        s.valueProperty().addListener(o -> {
            if (!s.isValueChanging()) {
                reset();
            }
        });
        s.valueChangingProperty().addListener((obs, was, changing) -> {
            if (!changing) {
                reset();
            }
        });
        return s;
    }

    private void choose(String kind, String pattern, String name, Consumer<Path> export) {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        chooser.setInitialFileName(name);
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            export.accept(f.toPath());
        }
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static FlowPane bar(Node... nodes) {
        FlowPane bar = new FlowPane(8, 6, nodes);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("tool-bar-row");
        return bar;
    }
}
