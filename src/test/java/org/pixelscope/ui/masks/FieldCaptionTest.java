package org.pixelscope.ui.masks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pixelscope.inspect.ReceptiveField;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.RasterLstmSpec;
import org.pixelscope.model.RowLstmSpec;

class FieldCaptionTest {

    @Test
    void rowLstmCaptionExplainsTheTriangleAndCountsTheShownLayer() {
        PixelModel model = NetworkBuilder.build(new RowLstmSpec("row-small", "test", 8, 10, 4, 3, 1, 3), 1, 1e-3);
        ReceptiveField rf = ReceptiveField.measure(model);
        List<String> layers = rf.layers();
        int row = 6;
        int col = 5;
        int before = row * 10 + col;
        int blind = rf.blindSpotSize(row, col);
        assertThat(blind).isPositive();

        String last = FieldCaption.text(model.spec(), rf, layers.size() - 1, row, col);
        assertThat(last)
                .contains("layer " + layers.size() + " of " + layers.size() + " (output p(x=1))")
                .contains("reads " + (before - blind) + " of the " + before)
                .contains("never sees " + blind + " of them (")
                .contains("triangle")
                .contains("far left of this pixel's own row")
                .doesNotContain("masked convolutions");

        int firstSeen = FieldCaption.count(rf.field(layers.get(0), row, col));
        String first = FieldCaption.text(model.spec(), rf, 0, row, col);
        assertThat(first)
                .contains("reads " + firstSeen + " of the " + before)
                .contains("of the other " + (before - firstSeen) + ", ")
                .contains("still never sees " + blind + " of them");
    }

    @Test
    void eachFamilyGetsItsOwnExplanation() {
        assertThat(finalCaption(ModelSpecs.require("pixelcnn-chapter").withSize(9, 9)))
                .contains("blind spot to the upper right");
        assertThat(finalCaption(ModelSpecs.require("pixelrnn-diagonal-bilstm").withSize(6, 9)))
                .contains("misses only the last pixel of the row above");
        assertThat(finalCaption(new RasterLstmSpec("raster-small", "test", 4, 5, 4, 1)))
                .contains("no blind spot");
        assertThat(finalCaption(ModelSpecs.require("pixelcnn-gated").withSize(12, 24)))
                .contains("vertical stack")
                .contains("too far to the side")
                .contains("leave no blind spot");
    }

    /** Caption of the model's output at the middle of the bottom row. */
    private static String finalCaption(ModelSpec spec) {
        PixelModel model = NetworkBuilder.build(spec, 2, 1e-3);
        ReceptiveField rf = ReceptiveField.measure(model);
        return FieldCaption.text(spec, rf, rf.layers().size() - 1, spec.height() - 1, spec.width() / 2);
    }
}
