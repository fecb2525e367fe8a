package org.pixelscope.ui;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Parent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;

/**
 * Shows its content magnified by {@link #zoomProperty()}, the way a browser zooms a page: the
 * content is laid out in {@code width / zoom x height / zoom} and drawn scaled by {@code zoom},
 * so every font, canvas, chart and control grows together and nothing is cut off. Clicks and
 * drags reach the content in its own coordinates (JavaFX maps them through the transform).
 *
 * <p>Thread: FX only.
 */
public final class ZoomPane extends Region {

    /** Zoom bounds: below 50% text is unreadable on any screen; above 300% no view fits. */
    public static final double MIN = 0.5;

    public static final double MAX = 3.0;

    private final Parent content;
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1) {
        @Override
        protected void invalidated() {
            double z = get();
            if (!(z >= MIN && z <= MAX)) {
                set(Math.min(MAX, Math.max(MIN, Double.isNaN(z) ? 1 : z)));
                return;
            }
            scale.setX(z);
            scale.setY(z);
            requestLayout();
        }
    };

    public ZoomPane(Parent content) {
        this.content = content;
        content.getTransforms().add(scale);
        getChildren().add(content);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
    }

    /** 1 is 100%; clamped to [{@link #MIN}, {@link #MAX}]. */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    public Parent content() {
        return content;
    }

    @Override
    protected void layoutChildren() {
        double z = zoom.get();
        content.resizeRelocate(0, 0, getWidth() / z, getHeight() / z);
    }

    @Override
    protected double computePrefWidth(double height) {
        return content.prefWidth(height < 0 ? height : height / zoom.get()) * zoom.get();
    }

    @Override
    protected double computePrefHeight(double width) {
        return content.prefHeight(width < 0 ? width : width / zoom.get()) * zoom.get();
    }

    @Override
    protected double computeMinWidth(double height) {
        return content.minWidth(height < 0 ? height : height / zoom.get()) * zoom.get();
    }

    @Override
    protected double computeMinHeight(double width) {
        return content.minHeight(width < 0 ? width : width / zoom.get()) * zoom.get();
    }
}
