package org.pixelscope.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * How the window presents itself: zoom, full screen and lecture mode. The app binds a
 * {@link ZoomPane} and the stage's full-screen state to these properties; menus and shortcuts
 * change them.
 *
 * <p>Lecture mode is full screen at {@value #LECTURE_ZOOM}x zoom at least. On a 1920x1080
 * projector that lays the views out in 1280x720 (the smallest size they are designed for) and
 * makes body text 13 px x 1.5 = 19.5 px (about 15 pt) and the smallest captions 11 px x 1.5 =
 * 16.5 px (about 12 pt). Projected 3 m wide, 1 px is about 1.6 mm, so a caption's capital letters
 * stand about 18 mm tall and the body text's about 21 mm; at the common sign-legibility rule of
 * 25 mm of letter height per 7.5 m of distance for easy reading, that reaches the back of a
 * classroom 5 to 6 m deep. Larger rooms zoom further with Ctrl+plus. Leaving lecture mode
 * restores the zoom from before.
 *
 * <p>Thread: FX only.
 */
public final class Presentation {

    /** One zoom step: 10 percentage points, as browsers step. */
    public static final double STEP = 0.1;
    /** Lecture mode's zoom; see the class comment for the sizes it gives. */
    public static final double LECTURE_ZOOM = 1.5;

    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private final BooleanProperty fullScreen = new SimpleBooleanProperty(this, "fullScreen", false);
    private final ReadOnlyBooleanWrapper lecture = new ReadOnlyBooleanWrapper(this, "lecture", false);
    private double zoomBeforeLecture = 1;

    public Presentation(double initialZoom) {
        zoom.set(clamp(initialZoom));
    }

    public DoubleProperty zoomProperty() {
        return zoom;
    }

    public BooleanProperty fullScreenProperty() {
        return fullScreen;
    }

    public ReadOnlyBooleanProperty lectureProperty() {
        return lecture.getReadOnlyProperty();
    }

    public void zoomIn() {
        zoom.set(clamp(rounded(zoom.get() + STEP)));
    }

    public void zoomOut() {
        zoom.set(clamp(rounded(zoom.get() - STEP)));
    }

    public void resetZoom() {
        zoom.set(1);
    }

    public void toggleFullScreen() {
        fullScreen.set(!fullScreen.get());
    }

    /** Full screen at lecture zoom, or back to how the window was. */
    public void toggleLecture() {
        if (lecture.get()) {
            lecture.set(false);
            zoom.set(zoomBeforeLecture);
            fullScreen.set(false);
        } else {
            zoomBeforeLecture = zoom.get();
            zoom.set(Math.max(zoom.get(), LECTURE_ZOOM));
            fullScreen.set(true);
            lecture.set(true);
        }
    }

    /** Whole percent, so repeated steps never drift (1.1 + 0.1 is 1.2000000000000002). */
    private static double rounded(double z) {
        return Math.round(z * 100) / 100.0;
    }

    private static double clamp(double z) {
        return Double.isNaN(z) ? 1 : Math.min(ZoomPane.MAX, Math.max(ZoomPane.MIN, z));
    }
}
