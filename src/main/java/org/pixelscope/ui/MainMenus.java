package org.pixelscope.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import org.pixelscope.data.MnistData;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.train.ShippedModels;

/**
 * The menu bar of the main window, every item with its accelerator.
 *
 * <p>Thread: FX only.
 */
final class MainMenus {

    private final MainWindow w;
    private final Menu recentData = new Menu("Recent Data");

    MainMenus(MainWindow window) {
        this.w = window;
        recentData.setId("menu-recent-data");
    }

    /** Rebuilds File > Recent Data from the preferences: the shipped MNIST, then the folders opened. */
    void recentDataChanged() {
        recentData.getItems().clear();
        recentData.getItems().add(item("MNIST (shipped)", null, () -> w.data().open(MnistData.defaultDir())));
        java.util.List<java.nio.file.Path> recent = w.prefs().recentData();
        if (!recent.isEmpty()) {
            recentData.getItems().add(new SeparatorMenuItem());
        }
        for (java.nio.file.Path dir : recent) {
            MenuItem m = item(
                    dir.getFileName() + "   (" + dir.getParent() + ")",
                    null,
                    () -> w.data().open(dir));
            m.setMnemonicParsing(false);
            recentData.getItems().add(m);
        }
    }

    MenuBar build() {
        Menu help = help();
        help.getItems().add(0, item("Guided Tour", "F2", w::startTour));
        MenuBar bar = new MenuBar(file(), train(), sample(), view(), help);
        bar.setId("menu-bar");
        return bar;
    }

    private Menu file() {
        Menu newModel = new Menu("New Model");
        for (ModelSpec spec : ModelSpecs.all()) {
            newModel.getItems().add(item(spec.name(), null, () -> w.createNew(spec)));
        }
        // K = 4 and 16 are cheap variants of the binary models; 256 is MNIST's own grey values
        Menu greyModel = new Menu("New Grey-Level Model");
        for (ModelSpec spec : ModelSpecs.all()) {
            if (spec.offersGreyLevels()) {
                Menu levels = new Menu(spec.name());
                for (int k : new int[] {4, 16, 256}) {
                    ModelSpec grey = spec.withLevels(k);
                    levels.getItems().add(item("K = " + k + " grey levels", null, () -> w.createNew(grey)));
                }
                greyModel.getItems().add(levels);
            }
        }
        Menu pretrained = new Menu("Open Pretrained Model");
        for (ShippedModels.Shipped shipped : ShippedModels.all()) {
            pretrained.getItems().add(item(shipped.label(), null, () -> w.openShipped(shipped.path())));
        }
        pretrained.setDisable(pretrained.getItems().isEmpty());
        Menu export = new Menu("Export");
        export.getItems()
                .addAll(
                        item(
                                "Samples as PNG…",
                                "Shortcut+E",
                                () -> w.export("Export samples", "png", w.views()::exportPng)),
                        item(
                                "Generation as animated GIF…",
                                "Shortcut+Shift+E",
                                () -> w.export("Export animation", "gif", w.views()::exportGif)),
                        new SeparatorMenuItem(),
                        item(
                                "Training History as CSV…",
                                null,
                                () -> w.export(
                                        "Export training history",
                                        "csv",
                                        "CSV table",
                                        "history",
                                        w.exports()::historyCsv)),
                        item("Loss Chart as PNG…", null, () -> {
                            w.selectTab(0);
                            w.export(
                                    "Export loss chart",
                                    "png",
                                    "PNG image",
                                    "loss",
                                    f -> javafx.application.Platform.runLater(
                                            () -> w.exports().chartPng(w.views().train(), f)));
                        }),
                        item(
                                "Layer Summary as Markdown…",
                                null,
                                () -> w.export(
                                        "Export layer summary",
                                        "md",
                                        "Markdown",
                                        "summary",
                                        w.exports()::summaryMarkdown)),
                        item(
                                "Test-Image Likelihoods as CSV…",
                                null,
                                () -> w.export(
                                        "Export test likelihoods",
                                        "csv",
                                        "CSV table",
                                        "likelihoods",
                                        w.exports()::likelihoodCsv)));
        recentDataChanged();
        return new Menu(
                "File",
                null,
                newModel,
                greyModel,
                item("Open Checkpoint…", "Shortcut+O", w::openChooser),
                pretrained,
                new SeparatorMenuItem(),
                item("Open Data…", "Shortcut+Shift+O", () -> w.data().choose()),
                recentData,
                new SeparatorMenuItem(),
                item("Open Scene…", null, this::openScene),
                item("Save Scene…", null, this::saveScene),
                new SeparatorMenuItem(),
                item("Save Checkpoint", "Shortcut+S", () -> w.save(false)),
                item("Save Checkpoint As…", "Shortcut+Shift+S", () -> w.save(true)),
                export,
                new SeparatorMenuItem(),
                item(
                        "Quit",
                        "Shortcut+Q",
                        () -> w.getScene()
                                .getWindow()
                                .fireEvent(new javafx.stage.WindowEvent(
                                        w.getScene().getWindow(), javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST))));
    }

    private Menu train() {
        return new Menu(
                "Train",
                null,
                item("Start / Pause Training", "Shortcut+T", () -> {
                    w.selectTab(0);
                    w.views().toggleTraining();
                }),
                item("Stop Training", "Shortcut+Shift+T", w.views()::stopTraining));
    }

    private Menu sample() {
        return new Menu(
                "Sample",
                null,
                item("Play / Pause", "Shortcut+P", () -> {
                    w.selectTab(1);
                    w.views().playPause();
                }),
                item("Step One Pixel   (Right)", null, () -> {
                    w.selectTab(1);
                    w.views().stepPixel();
                }),
                item("Step One Row", "Shortcut+Right", () -> {
                    w.selectTab(1);
                    w.views().stepRow();
                }));
    }

    private Menu view() {
        Menu m = new Menu("View");
        String[] names = {"Train", "Sample", "Masks", "Summary", "Likelihood"};
        for (int i = 0; i < names.length; i++) {
            int index = i;
            m.getItems().add(item(names[i], "Shortcut+" + (i + 1), () -> w.selectTab(index)));
        }
        CheckMenuItem fps = new CheckMenuItem("Frame Rate Overlay");
        fps.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+F"));
        fps.selectedProperty().bindBidirectional(w.fpsOverlay().visibleProperty());
        Presentation p = w.presentation();
        CheckMenuItem lecture = new CheckMenuItem("Lecture Mode");
        lecture.setAccelerator(KeyCombination.keyCombination("F5"));
        lecture.setSelected(p.lectureProperty().get());
        p.lectureProperty().addListener((obs, was, is) -> lecture.setSelected(is));
        lecture.setOnAction(e -> {
            if (lecture.isSelected() != p.lectureProperty().get()) {
                p.toggleLecture();
            }
        });
        CheckMenuItem explain = new CheckMenuItem("Explanations");
        explain.setAccelerator(KeyCombination.keyCombination("F1"));
        explain.selectedProperty().bindBidirectional(w.explainPanel().visibleProperty());
        CheckMenuItem hints = new CheckMenuItem("Key Hints");
        hints.selectedProperty().bindBidirectional(w.keyHints().visibleProperty());
        CheckMenuItem fullScreen = new CheckMenuItem("Full Screen");
        fullScreen.setAccelerator(KeyCombination.keyCombination("F11"));
        fullScreen.selectedProperty().bindBidirectional(p.fullScreenProperty());
        Menu themes = new Menu("Theme");
        javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
        for (Theme t : Theme.values()) {
            javafx.scene.control.RadioMenuItem r = new javafx.scene.control.RadioMenuItem(t.title());
            r.setToggleGroup(group);
            r.setSelected(w.themeProperty().get() == t);
            r.setOnAction(e -> w.themeProperty().set(t));
            w.themeProperty().addListener((obs, was, is) -> r.setSelected(is == t));
            themes.getItems().add(r);
        }
        m.getItems()
                .addAll(
                        new SeparatorMenuItem(),
                        themes,
                        item("Zoom In", "Shortcut+Equals", p::zoomIn),
                        item("Zoom Out", "Shortcut+Minus", p::zoomOut),
                        item("Actual Size", "Shortcut+0", p::resetZoom),
                        fullScreen,
                        lecture,
                        explain,
                        hints,
                        new SeparatorMenuItem(),
                        fps);
        return m;
    }

    private Menu help() {
        return new Menu("Help", null, item("Show Log…", null, this::showLog), item("About PixelScope", null, () -> {
            Alert a = new Alert(Alert.AlertType.INFORMATION);
            a.initOwner(w.getScene().getWindow());
            a.setTitle("About PixelScope");
            a.setHeaderText("PixelScope 0.1");
            a.setContentText(
                    "A desktop lab for autoregressive image models (PixelCNN, PixelRNN) on DL4J.\n"
                            + "Models: van den Oord et al. 2016, \"Pixel Recurrent Neural Networks\".\nLicensed under Apache-2.0.");
            a.show();
        }));
    }

    /** The end of the log file (causes of failures, with stack traces), read on a worker. */
    private void showLog() {
        java.nio.file.Path file = org.pixelscope.backend.Logging.file();
        w.context()
                .jobs()
                .submit(() -> LogTail.read(file, 64 * 1024))
                .whenCompleteAsync(
                        (text, err) -> {
                            javafx.scene.control.TextArea area = new javafx.scene.control.TextArea(
                                    err == null ? text : "Could not read the log: " + ErrorReporter.messageOf(err));
                            area.setEditable(false);
                            area.setWrapText(false);
                            area.setPrefSize(820, 420);
                            area.positionCaret(area.getLength());
                            Alert a = new Alert(Alert.AlertType.INFORMATION);
                            a.initOwner(w.getScene().getWindow());
                            a.setTitle("PixelScope log");
                            a.setHeaderText(file.toAbsolutePath().toString());
                            a.getDialogPane().setContent(area);
                            a.setResizable(true);
                            a.show();
                        },
                        w.context().jobs().fx());
    }

    private void openScene() {
        javafx.stage.FileChooser fc = sceneChooser("Open scene");
        java.io.File f = fc.showOpenDialog(w.getScene().getWindow());
        if (f != null) {
            w.scenes().open(f.toPath());
        }
    }

    private void saveScene() {
        javafx.stage.FileChooser fc = sceneChooser("Save scene");
        fc.setInitialFileName("demo." + SceneFile.EXTENSION);
        java.io.File f = fc.showSaveDialog(w.getScene().getWindow());
        if (f != null) {
            w.scenes().save(f.toPath());
        }
    }

    private static javafx.stage.FileChooser sceneChooser(String title) {
        javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters()
                .add(new javafx.stage.FileChooser.ExtensionFilter(
                        "PixelScope scene", "*." + SceneFile.EXTENSION, "*.json"));
        return fc;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }
}
