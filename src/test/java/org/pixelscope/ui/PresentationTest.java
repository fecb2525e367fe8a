package org.pixelscope.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import javafx.geometry.Bounds;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.Test;

/** Zoom steps and lecture mode as state, and the zoom pane's layout, without a window. */
class PresentationTest {

    @Test
    void zoomStepsByTenPointsWithoutDriftAndStaysInBounds() {
        Presentation p = new Presentation(1);
        for (int i = 0; i < 5; i++) {
            p.zoomIn();
        }
        assertThat(p.zoomProperty().get()).isEqualTo(1.5);
        for (int i = 0; i < 100; i++) {
            p.zoomIn();
        }
        assertThat(p.zoomProperty().get()).isEqualTo(ZoomPane.MAX);
        for (int i = 0; i < 100; i++) {
            p.zoomOut();
        }
        assertThat(p.zoomProperty().get()).isEqualTo(ZoomPane.MIN);
        p.resetZoom();
        assertThat(p.zoomProperty().get()).isEqualTo(1);
        assertThat(new Presentation(Double.NaN).zoomProperty().get()).isEqualTo(1);
        assertThat(new Presentation(40).zoomProperty().get()).isEqualTo(ZoomPane.MAX);
    }

    @Test
    void lectureModeIsFullScreenAtLectureZoomAndLeavingRestoresTheZoom() {
        Presentation p = new Presentation(1.2);
        p.toggleLecture();
        assertThat(p.lectureProperty().get()).isTrue();
        assertThat(p.fullScreenProperty().get()).isTrue();
        assertThat(p.zoomProperty().get()).isEqualTo(Presentation.LECTURE_ZOOM);
        p.zoomIn();
        p.toggleLecture();
        assertThat(p.lectureProperty().get()).isFalse();
        assertThat(p.fullScreenProperty().get()).isFalse();
        assertThat(p.zoomProperty().get()).isEqualTo(1.2);

        Presentation big = new Presentation(2);
        big.toggleLecture();
        assertThat(big.zoomProperty().get())
                .as("lecture mode never shrinks a larger zoom")
                .isEqualTo(2);
    }

    @Test
    void theContentIsLaidOutInTheWindowDividedByTheZoomAndDrawnScaledToFillIt() {
        Region content = new Region();
        ZoomPane pane = new ZoomPane(content);
        pane.zoomProperty().set(1.5);
        pane.resize(1920, 1080);
        pane.layout();
        assertThat(content.getWidth()).isCloseTo(1280, within(1e-9));
        assertThat(content.getHeight()).isCloseTo(720, within(1e-9));
        Bounds drawn = content.getBoundsInParent();
        assertThat(drawn.getWidth()).isCloseTo(1920, within(1e-6));
        assertThat(drawn.getHeight()).isCloseTo(1080, within(1e-6));
        pane.zoomProperty().set(99);
        assertThat(pane.zoomProperty().get()).isEqualTo(ZoomPane.MAX);
    }
}
