package org.pixelscope.ui;

import javafx.animation.AnimationTimer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/**
 * A debug read-out of the frame rate, counted from JavaFX pulses, so a stutter under training
 * load can be measured rather than guessed. Shown top-right over the views when enabled.
 *
 * <p>Thread: FX only.
 */
public final class FpsOverlay extends Label {

    private final AnimationTimer timer;
    private long windowStart;
    private int frames;
    private long worstGap;
    private long last;
    private double fps;

    public FpsOverlay() {
        getStyleClass().add("fps-overlay");
        setMouseTransparent(true);
        StackPane.setAlignment(this, Pos.TOP_RIGHT);
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                tick(now);
            }
        };
        visibleProperty().addListener((obs, was, is) -> {
            if (is) {
                windowStart = 0;
                timer.start();
            } else {
                timer.stop();
            }
        });
        setVisible(false);
    }

    /** Frames per second over the last full second. */
    public double fps() {
        return fps;
    }

    private void tick(long now) {
        if (windowStart == 0) {
            windowStart = now;
            last = now;
            frames = 0;
            worstGap = 0;
            return;
        }
        frames++;
        worstGap = Math.max(worstGap, now - last);
        last = now;
        if (now - windowStart >= 1_000_000_000L) {
            fps = frames * 1e9 / (now - windowStart);
            setText(String.format("%.0f fps  (longest frame %.0f ms)", fps, worstGap / 1e6));
            windowStart = now;
            frames = 0;
            worstGap = 0;
        }
    }
}
