package org.pixelscope.model;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

/** PixelRNN with Row LSTM layers ({@link RowLstmSpec}): the {@link PixelRnnBody} with {@code rowlstmI} layers. */
final class RowLstmFamily implements ModelFamily<RowLstmSpec> {

    @Override
    public String kind() {
        return RowLstmSpec.KIND;
    }

    @Override
    public Class<RowLstmSpec> specType() {
        return RowLstmSpec.class;
    }

    @Override
    public List<RowLstmSpec> namedSpecs() {
        return List.of(RowLstmSpec.standard());
    }

    @Override
    public String addLayers(ComputationGraphConfiguration.GraphBuilder g, RowLstmSpec r) {
        return PixelRnnBody.addLayers(
                g,
                r.hidden(),
                r.firstKernel(),
                r.layers(),
                LayerNames::rowLstm,
                () -> new RowLstm(r.hidden(), r.hidden(), r.rowKernel()));
    }

    @Override
    public String unseenPixels(RowLstmSpec r) {
        return String.format(
                "the Row LSTM's context is a triangle. Each row further up it reaches %d more"
                        + " pixel%s to each side, so the far left of this pixel's own row and the far upper left and"
                        + " upper right stay out of reach.",
                r.rowKernel() / 2, r.rowKernel() / 2 == 1 ? "" : "s");
    }
}
