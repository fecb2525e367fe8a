package org.pixelscope.ui.summary;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.pixelscope.inspect.SummaryRow;
import org.pixelscope.ui.AppContext;

/**
 * The model summary: a table of layers (name, type, output shape, parameters, mask) and the
 * totals, as Keras's {@code model.summary()} shows them, with masked weights counted apart.
 * "Copy as text" puts the CLI's plain-text table on the clipboard.
 *
 * <p>Thread: FX only.
 */
public final class SummaryView extends BorderPane {

    private final SummaryViewModel vm;

    public SummaryView(AppContext ctx) {
        this.vm = new SummaryViewModel(ctx);
        getStyleClass().add("summary-view");
        getStylesheets().add(SummaryView.class.getResource("summary.css").toExternalForm());
        setTop(header());
        setCenter(table());
        setBottom(totals());
    }

    SummaryViewModel viewModel() {
        return vm;
    }

    private HBox header() {
        Label title = new Label();
        title.setId("summary-title");
        title.getStyleClass().add("title");
        title.textProperty().bind(vm.titleProperty());
        Button copy = new Button("Copy as text");
        copy.setId("copy-summary");
        copy.disableProperty().bind(vm.summaryProperty().isNull());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(vm.text());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, title, spacer, copy);
        header.getStyleClass().add("header");
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private TableView<SummaryRow> table() {
        TableView<SummaryRow> table = new TableView<>(vm.rows());
        // hovering a row shows where its parameter count comes from
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();

            {
                tip.setShowDelay(javafx.util.Duration.millis(200));
            }

            @Override
            protected void updateItem(SummaryRow row, boolean empty) {
                super.updateItem(row, empty);
                String text = empty || row == null ? "" : parameterTip(row);
                tip.setText(text);
                setTooltip(text.isEmpty() ? null : tip);
            }
        });
        table.setId("summary-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No model loaded."));
        table.getColumns().add(column("Layer", SummaryRow::name, 160, false));
        table.getColumns().add(column("Type", SummaryRow::type, 190, false));
        table.getColumns().add(column("Output shape", SummaryRow::outputShape, 160, false));
        table.getColumns().add(column("Parameters", r -> SummaryViewModel.count(r.params()), 110, true));
        table.getColumns()
                .add(column("Mask", r -> r.mask() == null ? "–" : r.mask().name(), 60, false));
        table.getColumns()
                .add(column(
                        "Masked zeros",
                        r -> r.mask() == null ? "–" : SummaryViewModel.count(r.maskedZeros()),
                        110,
                        true));
        table.getColumns().add(column("Inputs", SummaryRow::inputs, 120, false));
        return table;
    }

    /** The tooltip of a row: its parameter formula and, for a masked layer, what the mask zeroes. */
    static String parameterTip(SummaryRow row) {
        if (row.formula().isEmpty()) {
            return "";
        }
        String text = row.name() + ": " + row.formula()
                + (row.formula().contains(" + ") ? " → " + SummaryViewModel.count(row.params()) : "");
        if (row.maskedZeros() > 0) {
            text += "\n" + SummaryViewModel.count(row.maskedZeros())
                    + " of them held at 0 by the mask (counted, never used)";
        }
        return text;
    }

    private static TableColumn<SummaryRow, String> column(
            String name, Function<SummaryRow, String> value, double width, boolean number) {
        TableColumn<SummaryRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(f -> constant(value.apply(f.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        if (number) {
            c.getStyleClass().add("number");
        }
        return c;
    }

    private static ObservableValue<String> constant(String s) {
        return new ReadOnlyObjectWrapper<>(s);
    }

    private VBox totals() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("totals");
        total(grid, 0, "Total parameters", "total-params", vm.totalProperty());
        total(grid, 1, "Trainable", "trainable-params", vm.trainableProperty());
        total(grid, 2, "Non-trainable", "non-trainable-params", vm.nonTrainableProperty());
        total(grid, 3, "Masked zeros", "masked-zeros", vm.maskedProperty());
        Label note = new Label("Masked zeros are trainable weights that the masks hold at exactly 0, so no pixel "
                + "sees itself or the pixels after it; they are counted in the trainable parameters, as Keras does.");
        note.getStyleClass().add("note");
        note.setWrapText(true);
        VBox box = new VBox(6, grid, note);
        box.getStyleClass().add("footer");
        return box;
    }

    private static void total(GridPane grid, int row, String key, String id, ObservableValue<String> value) {
        Label k = new Label(key);
        k.getStyleClass().add("key");
        Label v = new Label();
        v.setId(id);
        v.getStyleClass().add("value");
        v.textProperty().bind(value);
        grid.addRow(row, k, v);
    }
}
