package org.pixelscope.model;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

/** PixelRNN with Diagonal BiLSTM layers ({@link DiagonalBiLstmSpec}): the {@link PixelRnnBody} with {@code bilstmI} layers. */
final class DiagonalBiLstmFamily implements ModelFamily<DiagonalBiLstmSpec> {

    @Override
    public String kind() {
        return DiagonalBiLstmSpec.KIND;
    }

    @Override
    public Class<DiagonalBiLstmSpec> specType() {
        return DiagonalBiLstmSpec.class;
    }

    @Override
    public List<DiagonalBiLstmSpec> namedSpecs() {
        return List.of(DiagonalBiLstmSpec.standard());
    }

    @Override
    public String addLayers(ComputationGraphConfiguration.GraphBuilder g, DiagonalBiLstmSpec d) {
        return PixelRnnBody.addLayers(
                g,
                d.hidden(),
                d.firstKernel(),
                d.layers(),
                LayerNames::biLstm,
                () -> new DiagonalBiLstm(d.hidden(), d.hidden()));
    }

    @Override
    public String unseenPixels(DiagonalBiLstmSpec d) {
        return String.format(
                "the Diagonal BiLSTM misses only the last pixel of the row above. No feature of"
                        + " that row contains it (a mask-A feature excludes its own pixel); the features of this row"
                        + " that do lie within %d columns of the right edge, and the left-to-right scan reads this row"
                        + " only up to this pixel.",
                d.firstKernel() / 2);
    }
}
