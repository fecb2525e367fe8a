package org.pixelscope.ui.train;

import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.SegmentedButton;
import org.pixelscope.ui.AppContext;

/**
 * The training view: live loss curves, start / pause / resume / stop, the hyperparameters, the
 * progress of the run and a strip of samples from the current weights.
 *
 * <p>The run belongs to the {@link TrainViewModel}, not to this node: switching to another view
 * leaves it training.
 *
 * <p>Thread: FX only.
 */
public final class TrainView extends BorderPane {

    private final TrainViewModel vm;
    private final LossChart chart;

    public TrainView(AppContext ctx) {
        this.vm = new TrainViewModel(ctx);
        this.chart = new LossChart(vm.series());
        getStyleClass().add("train-view");
        getStylesheets().add(TrainView.class.getResource("train.css").toExternalForm());
        chart.pixelsProperty().bind(vm.pixelsProperty());
        vm.revisionProperty().addListener(o -> chart.dataChanged());
        setTop(toolbar());
        // the strip of sample tiles scrolls sideways when the window (or lecture zoom) leaves too
        // little room, so the chart and the side panel keep their space instead of overlapping
        javafx.scene.control.ScrollPane strip = new javafx.scene.control.ScrollPane(new SampleStrip(vm.samples()));
        strip.setFitToHeight(true);
        strip.setVbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        strip.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.AS_NEEDED);
        strip.getStyleClass().add("sample-strip-scroll");
        strip.setMinWidth(0);
        VBox centre = new VBox(chart, strip);
        centre.setMinWidth(0);
        centre.getStyleClass().add("centre");
        VBox.setVgrow(chart, Priority.ALWAYS);
        setCenter(centre);
        setRight(side(ctx));
    }

    /** Start when idle, pause when running, resume when paused (Ctrl+T and Space in the window). */
    public void toggleTraining() {
        vm.toggle();
    }

    /** Ends the run after its current iteration; the weights trained so far are kept. */
    public void stopTraining() {
        vm.stop();
    }

    /** True while a run is in progress, paused included. */
    public ReadOnlyBooleanProperty trainingProperty() {
        return vm.trainingProperty();
    }

    /**
     * Stops the run, if any; completes once the trainer has let go of the model (at once when
     * idle). It completes on the trainer's thread, so the FX thread may wait on it briefly.
     */
    public CompletableFuture<Void> stopAndWait() {
        return vm.stopAndWait();
    }

    TrainViewModel viewModel() {
        return vm;
    }

    /** Lecture mode: the chart's lines and markers twice as thick. */
    public void setLecture(boolean lecture) {
        chart.emphasisProperty().set(lecture ? LECTURE_EMPHASIS : 1);
    }

    /** Whether this view is on screen: its sample strip is drawn only then ({@link SampleStripModel#setShowing}). */
    public void setShowing(boolean showing) {
        vm.samples().setShowing(showing);
    }

    /** A dark theme: the chart's background and text follow it. */
    public void setDark(boolean dark) {
        chart.paletteProperty().set(dark ? ChartPalette.DARK : ChartPalette.LIGHT);
    }

    /** How much thicker the chart's lines and markers are in lecture mode. */
    public static final double LECTURE_EMPHASIS = 2;

    /** The loss chart, for File > Export (a snapshot of what is on screen). */
    public javafx.scene.Node chartNode() {
        return chart;
    }

    LossChart chart() {
        return chart;
    }

    private ToolBar toolbar() {
        Button startPause = new Button();
        startPause.setId("start-pause");
        startPause.setOnAction(e -> vm.toggle());
        Button stop = new Button("Stop");
        stop.setId("stop");
        stop.setOnAction(e -> vm.stop());
        vm.stateProperty().addListener((o, was, now) -> showState(now, startPause, stop));
        showState(vm.stateProperty().get(), startPause, stop);

        ToggleButton nats = new ToggleButton("nats");
        ToggleButton bits = new ToggleButton("bits/dim");
        nats.setId("unit-nats");
        bits.setId("unit-bits");
        nats.setSelected(true);
        SegmentedButton units = new SegmentedButton(nats, bits);
        // a segmented pair must always have one selected
        units.getToggleGroup().selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true);
            }
        });
        bits.selectedProperty()
                .addListener((o, was, now) -> chart.unitProperty().set(now ? LossUnit.BITS_PER_DIM : LossUnit.NATS));
        ToggleButton logX = new ToggleButton("Log x");
        logX.setId("log-x");
        chart.logXProperty().bind(logX.selectedProperty());

        ToggleButton thisRun = new ToggleButton("This run only");
        thisRun.setId("this-run-only");
        thisRun.setTooltip(new javafx.scene.control.Tooltip(
                "Show the iterations of the run now training, its loss axis fitted to them"));
        thisRun.selectedProperty().bindBidirectional(vm.thisRunOnlyProperty());
        thisRun.disableProperty().bind(vm.continuedRunProperty().not());
        chart.thisRunOnlyProperty().bind(thisRun.selectedProperty().and(vm.continuedRunProperty()));
        return new ToolBar(startPause, stop, new Separator(), new Label("Loss in"), units, logX, thisRun);
    }

    private static void showState(RunState s, Button startPause, Button stop) {
        startPause.setText(
                switch (s) {
                    case IDLE -> "Start";
                    case STARTING -> "Starting…";
                    case RUNNING -> "Pause";
                    case PAUSED -> "Resume";
                    case STOPPING -> "Stopping…";
                });
        startPause.setDisable(s == RunState.STARTING || s == RunState.STOPPING);
        stop.setDisable(s == RunState.IDLE || s == RunState.STOPPING);
    }

    private VBox side(AppContext ctx) {
        Label hpTitle = new Label("Hyperparameters");
        hpTitle.getStyleClass().add("section-title");
        Label progressTitle = new Label("Progress");
        progressTitle.getStyleClass().add("section-title");
        TrainingProgress p = vm.progress();
        GridPane grid = new GridPane();
        grid.getStyleClass().add("progress-grid");
        row(grid, 0, "Model", ctx.session().sourceProperty());
        row(grid, 1, "Epoch", p.epochProperty());
        row(grid, 2, "Iteration", p.iterationProperty());
        row(grid, 3, "Speed", p.speedProperty());
        row(grid, 4, "Time left", p.etaProperty());
        row(grid, 5, "Last loss", p.lossProperty());
        row(grid, 6, "Validation", p.validationProperty());
        ProgressBar bar = new ProgressBar();
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(p.fractionProperty());
        Label hint = new Label("Space or Ctrl+T starts, pauses and resumes. Training goes on while you "
                + "look at other views; the learning rate may be changed while it runs.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        VBox side = new VBox(
                hpTitle,
                HyperparameterSheet.create(vm.hyperparameters(), vm.trainingProperty()),
                progressTitle,
                bar,
                grid,
                hint);
        side.getStyleClass().add("side");
        side.setAlignment(Pos.TOP_LEFT);
        return side;
    }

    private static void row(GridPane grid, int r, String key, ObservableValue<String> value) {
        Label k = new Label(key);
        k.getStyleClass().add("key");
        Label v = new Label();
        v.getStyleClass().add("value");
        v.setWrapText(true);
        v.textProperty().bind(value);
        grid.addRow(r, k, v);
    }
}
