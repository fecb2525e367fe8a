package org.pixelscope.ui.likelihood;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

/**
 * The colour bar beside the likelihood map: the {@link HeatScale} from 0 nats at the bottom to
 * its clip at the top, with a number at every whole nat (the top one reads "≥ 5").
 *
 * <p>Thread: FX only.
 */
final class ScaleLegend extends Region {

    private static final double BAR_WIDTH = 16;
    private static final double GAP = 6;

    private final double barHeight;
    private final Rectangle bar;
    private final List<Label> ticks = new ArrayList<>();

    /** {@code barHeight}: the bar's length in screen pixels, the map's height so the two line up. */
    ScaleLegend(double barHeight) {
        this.barHeight = barHeight;
        getStyleClass().add("scale-legend");
        bar = new Rectangle(BAR_WIDTH, barHeight, HeatScale.verticalGradient());
        bar.getStyleClass().add("scale-bar");
        getChildren().add(bar);
        int top = (int) HeatScale.MAX_NATS;
        for (int v = 0; v <= top; v++) {
            Label tick = new Label(v == top ? "≥ " + v : Integer.toString(v));
            tick.getStyleClass().add("scale-tick");
            ticks.add(tick);
            getChildren().add(tick);
        }
    }

    @Override
    protected void layoutChildren() {
        double pad = snappedTopInset();
        bar.relocate(snappedLeftInset(), pad);
        for (int v = 0; v < ticks.size(); v++) {
            Label tick = ticks.get(v);
            tick.autosize();
            double y = pad + barHeight * (1 - v / HeatScale.MAX_NATS) - tick.getHeight() / 2;
            tick.relocate(snappedLeftInset() + BAR_WIDTH + GAP, y);
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        double widest = ticks.stream().mapToDouble(t -> t.prefWidth(-1)).max().orElse(0);
        return snappedLeftInset() + BAR_WIDTH + GAP + widest + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return snappedTopInset() + barHeight + snappedBottomInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }
}
