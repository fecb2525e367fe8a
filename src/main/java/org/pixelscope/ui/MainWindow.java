package org.pixelscope.ui;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.controlsfx.control.StatusBar;
import org.pixelscope.backend.Backend;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.ui.tour.GuidedTour;
import org.pixelscope.ui.tour.TourPanel;
import org.pixelscope.ui.tour.TourSteps;

/**
 * The main window's content: menus, the model picker and data line, the five views as tabs,
 * and the status bar (job and progress, back end, model). Keyboard: Ctrl+T or Space starts and
 * pauses training (Space only on the Train tab), Right steps one pixel on the Sample tab, except
 * while a control that uses those keys has the focus (a slider, spinner, text field or list).
 * While the guided tour runs (F2), Right and Left, PageDown and PageUp move it and Esc ends it.
 *
 * <p>Thread: FX only.
 */
public final class MainWindow extends BorderPane {

    private final AppContext ctx;
    private final Views views;
    private final TabPane tabs = new TabPane();
    private final ModelPicker picker;
    private final StatusBar statusBar = new StatusBar();
    private final Label backendLabel = new Label("ND4J starting…");
    private final Label modelLabel = new Label();
    private final FpsOverlay fps = new FpsOverlay();
    private final AppPreferences prefs;
    private final Presentation presentation;
    private final ExplainPanel explain = new ExplainPanel();
    /** The keys of a demo, on screen until hidden (View > Key Hints). */
    private final Label keyHints = new Label(
            "Space play/pause · → pixel · ↓ row · 1-5 views · F1 explain · F2 tour · F5 lecture · Ctrl +/− zoom");

    private final UnsavedWork unsavedWork;
    private final ExportActions exports;
    private final DataActions dataActions;
    private final MainMenus menus;
    private final Scenes scenes = new Scenes(this);
    private final TourPanel tour;
    private final javafx.beans.property.ObjectProperty<Theme> theme =
            new javafx.beans.property.SimpleObjectProperty<>(this, "theme", Theme.LIGHT);

    public MainWindow(AppContext ctx, AppPreferences prefs) {
        this.ctx = ctx;
        this.prefs = prefs;
        this.presentation = new Presentation(prefs.zoom());
        presentation.zoomProperty().addListener((obs, was, is) -> prefs.zoom(is.doubleValue()));
        presentation.lectureProperty().addListener((obs, was, is) -> pseudoClassStateChanged(LECTURE, is));
        this.views = new Views(ctx);
        theme.set(prefs.theme());
        theme.get().apply(null);
        sceneProperty().addListener((obs, was, is) -> theme.get().apply(is));
        views.train().setDark(theme.get() == Theme.DARK);
        theme.addListener((obs, was, is) -> {
            is.apply(getScene());
            views.train().setDark(is == Theme.DARK);
            prefs.theme(is);
        });
        views.train().setLecture(presentation.lectureProperty().get());
        presentation
                .lectureProperty()
                .addListener((obs, was, is) -> views.train().setLecture(is));
        this.unsavedWork =
                new UnsavedWork(ctx.session(), this::askUnsaved, views::stopTrainingAndWait, () -> save(false));
        getStyleClass().add("main-window");
        getStylesheets()
                .add(MainWindow.class.getResource("controlsfx-compat.css").toExternalForm());
        this.exports = new ExportActions(ctx);
        this.menus = new MainMenus(this);
        this.dataActions = new DataActions(ctx, prefs, this::window, menus::recentDataChanged);
        picker = new ModelPicker(this::openShipped, this::createNew, this::openChooser);
        for (Views.Entry e : views.entries()) {
            Tab tab = new Tab(e.title(), e.node());
            tab.setClosable(false);
            tab.setId("tab-" + e.title().toLowerCase());
            tabs.getTabs().add(tab);
        }
        // a newcomer wants to watch a digit being drawn: open on Sample, with its explanation beside it
        tabs.getSelectionModel().select(1);
        // the Train view's sample strip waits until it is seen, instead of sampling beside the Sample view
        views.train().setShowing(false);
        tabs.getSelectionModel()
                .selectedIndexProperty()
                .addListener((obs, was, is) -> views.train().setShowing(is.intValue() == 0));
        Label data = new DataLine(ctx);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        keyHints.getStyleClass().add("key-hints");
        keyHints.setId("key-hints");
        keyHints.setVisible(prefs.keyHints());
        keyHints.managedProperty().bind(keyHints.visibleProperty());
        keyHints.visibleProperty().addListener((obs, was, is) -> prefs.keyHints(is));
        ToolBar bar = new ToolBar(new Label("Model"), picker, spacer, keyHints);
        VBox top = new VBox(menus.build(), bar, data);
        setTop(top);
        BorderPane centre = new BorderPane(new StackPane(tabs, fps));
        explain.setVisible(prefs.explanations());
        explain.managedProperty().bind(explain.visibleProperty());
        explain.visibleProperty().addListener((obs, was, is) -> prefs.explanations(is));
        centre.setRight(explain);
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, was, is) -> showExplanation());
        showExplanation();
        setCenter(centre);
        statusBar.textProperty().bind(ctx.status().jobProperty());
        statusBar.progressProperty().bind(ctx.status().progressProperty());
        statusBar.getRightItems().addAll(modelLabel, new Label("  |  "), backendLabel);
        tour = new TourPanel(new GuidedTour(TourSteps.pixelCnnDigit(), new WindowDemo(this, views)));
        setBottom(new VBox(tour, statusBar));
        ctx.session().sourceProperty().addListener((obs, was, is) -> showModel());
        ctx.session().modelProperty().addListener((obs, was, is) -> showModel());
        ctx.jobs()
                .submit(Backend::start)
                .whenCompleteAsync(
                        (info, err) -> backendLabel.setText(
                                err == null ? info.line() : "ND4J failed to start: " + ErrorReporter.messageOf(err)),
                        ctx.jobs().fx());
        addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
        showModel();
    }

    private static final javafx.css.PseudoClass LECTURE = javafx.css.PseudoClass.getPseudoClass("lecture");

    /** The theme of the app (View > Theme), remembered between runs. */
    public javafx.beans.property.ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    ExportActions exports() {
        return exports;
    }

    DataActions data() {
        return dataActions;
    }

    AppPreferences prefs() {
        return prefs;
    }

    Views views() {
        return views;
    }

    Label keyHints() {
        return keyHints;
    }

    /** The explanation panel beside the views (F1). */
    ExplainPanel explainPanel() {
        return explain;
    }

    private void showExplanation() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        if (tab != null) {
            explain.show(tab.getText().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Zoom, full screen and lecture mode; the app binds the stage and the zoom pane to it. */
    public Presentation presentation() {
        return presentation;
    }

    AppContext context() {
        return ctx;
    }

    FpsOverlay fpsOverlay() {
        return fps;
    }

    /** Selects the tab at {@code index} (0 Train, 1 Sample, 2 Masks, 3 Summary, 4 Likelihood). */
    void selectTab(int index) {
        tabs.getSelectionModel().select(index);
    }

    /** The views' titles in tab order. */
    java.util.List<String> tabTitles() {
        return tabs.getTabs().stream().map(Tab::getText).toList();
    }

    /** File > Save Scene / Open Scene. */
    Scenes scenes() {
        return scenes;
    }

    String selectedTab() {
        return tabs.getSelectionModel().getSelectedItem().getText();
    }

    /** Opens a shipped pretrained checkpoint (asking first if work would be lost). */
    void openShipped(Path checkpoint) {
        open(checkpoint);
    }

    /** The Save / Discard / Cancel question before work would be lost (menus, picker, quit). */
    UnsavedWork unsavedWork() {
        return unsavedWork;
    }

    void createNew(ModelSpec spec) {
        unsavedWork.guard("create a new model", () -> createNow(spec));
    }

    private void createNow(ModelSpec spec) {
        String job = "Building " + spec.name() + "…";
        ctx.status().show(job, -1);
        ctx.session()
                .create(spec)
                .whenCompleteAsync(
                        (m, err) -> done(job, "New " + spec.name() + levelsNote(spec.levels()), err),
                        ctx.jobs().fx());
    }

    void openChooser() {
        FileChooser fc = chooser("Open checkpoint");
        Path file = toPath(fc.showOpenDialog(window()));
        if (file != null) {
            open(file);
        }
    }

    void open(Path file) {
        unsavedWork.guard("open another model", () -> openNow(file));
    }

    private void openNow(Path file) {
        String job = "Opening " + file.getFileName() + "…";
        ctx.status().show(job, -1);
        ctx.session()
                .open(file)
                .whenCompleteAsync(
                        (m, err) -> {
                            if (err == null) {
                                prefs.lastCheckpoint(file);
                            }
                            done(job, "Opened " + file.getFileName(), err);
                        },
                        ctx.jobs().fx());
    }

    /** Opens the autosaved checkpoint of an earlier session as unsaved work. */
    void restoreAutosave() {
        String job = "Restoring autosaved training…";
        ctx.status().show(job, -1);
        ctx.session()
                .restoreAutosave()
                .whenCompleteAsync(
                        (m, err) -> done(job, "Restored autosaved training", err),
                        ctx.jobs().fx());
    }

    /** Saves the current model; the future completes when written (or null when the user cancels). */
    java.util.concurrent.CompletableFuture<Path> save(boolean askForName) {
        Path file = ctx.session().checkpointProperty().get();
        if (askForName || file == null || org.pixelscope.train.ShippedModels.isShipped(file)) {
            FileChooser fc = chooser("Save checkpoint");
            fc.setInitialFileName(
                    ctx.session().getModel() == null
                            ? "model.zip"
                            : ctx.session().getModel().spec().name() + ".zip");
            file = toPath(fc.showSaveDialog(window()));
        }
        if (file == null) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        Path target = file;
        String job = "Saving " + target.getFileName() + "…";
        ctx.status().show(job, -1);
        return ctx.session()
                .save(target)
                .whenCompleteAsync(
                        (f, err) -> {
                            if (err == null) {
                                prefs.lastCheckpoint(f);
                            }
                            done(job, "Saved " + target, err);
                        },
                        ctx.jobs().fx());
    }

    /** Asks for a file name and hands it to {@code exporter}. */
    void export(String title, String extension, java.util.function.Consumer<Path> exporter) {
        export(title, extension, extension.toUpperCase(java.util.Locale.ROOT) + " image", "pixelscope", exporter);
    }

    /**
     * Asks for a file name ({@code stem.extension} offered, the model's name in front) and hands
     * it to {@code exporter}.
     */
    void export(String title, String extension, String kind, String stem, java.util.function.Consumer<Path> exporter) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, "*." + extension));
        String model = ctx.session().getModel() == null
                ? "pixelscope"
                : ctx.session().getModel().spec().name();
        fc.setInitialFileName(model + (stem.equals("pixelscope") ? "" : "-" + stem) + "." + extension);
        Path file = toPath(fc.showSaveDialog(window()));
        if (file != null) {
            exporter.accept(file);
        }
    }

    /** Reports the end of {@code job}: {@code what} on success (unless a newer job holds the status bar), else the error. */
    private void done(String job, String what, Throwable err) {
        if (err == null) {
            ctx.status().finish(job, what);
        } else {
            ctx.status().idle("Failed: " + ErrorReporter.messageOf(err));
            ctx.errors().report(what.startsWith("Saved") ? "Could not save" : "Could not open the model", err);
        }
    }

    private UnsavedWork.Choice askUnsaved(String header, String message) {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, message, save, discard, ButtonType.CANCEL);
        a.initOwner(window());
        a.setTitle("PixelScope");
        a.setHeaderText(header);
        a.getDialogPane().setMinWidth(480);
        a.getDialogPane().setId("unsaved-dialog");
        ButtonType choice = a.showAndWait().orElse(ButtonType.CANCEL);
        return choice == save
                ? UnsavedWork.Choice.SAVE
                : choice == discard ? UnsavedWork.Choice.DISCARD : UnsavedWork.Choice.CANCEL;
    }

    private void showModel() {
        var m = ctx.session().getModel();
        String from = ctx.session().sourceProperty().get();
        String text = m == null
                ? "loading…"
                : from == null || from.isEmpty() ? m.spec().name() : from;
        picker.showCurrent(text);
        modelLabel.setText(
                m == null
                        ? ""
                        : String.format(
                                "%s%s · %,d parameters", m.spec().name(), levelsNote(m.levels()), m.parameterCount()));
    }

    /** " · K = 16 grey levels" for a grey-level model, nothing for a binary one. */
    private static String levelsNote(int levels) {
        return levels == 2 ? "" : " · K = " + levels + " grey levels";
    }

    /** Starts the guided tour (Help > Guided Tour, F2); while it runs it owns the arrow keys. */
    void startTour() {
        tour.tour().start();
    }

    GuidedTour tour() {
        return tour.tour();
    }

    private void shortcut(KeyEvent e) {
        if (e.isControlDown() || e.isAltDown() || e.isMetaDown()) {
            return;
        }
        if (tour.tour().keyPressed(e.getCode(), getScene().getFocusOwner())) {
            e.consume();
            return;
        }
        if (e.getCode() == KeyCode.ESCAPE && presentation().fullScreenProperty().get()) {
            // the stage's own Esc is switched off (PixelScopeApp), so Esc ends a running tour first
            // and only the next one leaves full screen
            presentation().fullScreenProperty().set(false);
            e.consume();
            return;
        }
        if (usesKeys(getScene().getFocusOwner())) {
            return;
        }
        boolean sample = selectedTab().equals("Sample");
        if (e.getCode() == KeyCode.SPACE && selectedTab().equals("Train")) {
            views.toggleTraining();
        } else if (e.getCode() == KeyCode.SPACE && sample) {
            views.playPause();
        } else if (e.getCode() == KeyCode.RIGHT && sample) {
            views.stepPixel();
        } else if (e.getCode() == KeyCode.DOWN && sample) {
            views.stepRow();
        } else if (e.getCode().isDigitKey()
                && !e.isShiftDown()
                && digit(e.getCode()) >= 1
                && digit(e.getCode()) <= tabs.getTabs().size()) {
            selectTab(digit(e.getCode()) - 1);
        } else {
            return;
        }
        e.consume();
    }

    private static int digit(KeyCode code) {
        String name = code.getName();
        return Character.isDigit(name.charAt(name.length() - 1)) ? name.charAt(name.length() - 1) - '0' : -1;
    }

    /**
     * A focused control that takes arrow keys and Space itself: a slider steps, a spinner counts,
     * a field edits, a list moves. Buttons are not among them, so Right still steps after a click
     * on Step pixel.
     */
    static boolean usesKeys(Node focused) {
        return focused instanceof TextInputControl
                || focused instanceof Slider
                || focused instanceof Spinner
                || focused instanceof ComboBoxBase
                || focused instanceof ListView
                || focused instanceof TableView
                || focused instanceof ScrollBar;
    }

    private FileChooser chooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PixelScope checkpoint", "*.zip"));
        return fc;
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private static Path toPath(java.io.File f) {
        return f == null ? null : f.toPath();
    }
}
