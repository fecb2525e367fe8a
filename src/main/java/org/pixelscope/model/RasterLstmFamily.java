package org.pixelscope.model;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.activations.Activation;

/**
 * The raster LSTM ({@link RasterLstmSpec}): image -> shifted raster sequence {@code raster_seq} ->
 * LSTMs {@code lstm0 ..} -> back to maps {@code to_image} -> 1x1 sigmoid {@code out_1x1} per pixel.
 * The 1x1 convolution on the unflattened LSTM output is the per-step Bernoulli output layer.
 */
final class RasterLstmFamily implements ModelFamily<RasterLstmSpec> {

    /** The value the raster sequence holds at step 0, where there is no previous pixel: the zero initial state already marks step 0. */
    private static final double RASTER_START_VALUE = 0;

    @Override
    public String kind() {
        return RasterLstmSpec.KIND;
    }

    @Override
    public Class<RasterLstmSpec> specType() {
        return RasterLstmSpec.class;
    }

    @Override
    public List<RasterLstmSpec> namedSpecs() {
        return List.of(RasterLstmSpec.standard());
    }

    @Override
    public String addLayers(ComputationGraphConfiguration.GraphBuilder g, RasterLstmSpec r) {
        g.addLayer(
                LayerNames.RASTER_SEQUENCE,
                new RasterSequence(r.height(), r.width(), RASTER_START_VALUE),
                LayerNames.INPUT);
        String prev = LayerNames.RASTER_SEQUENCE;
        for (int i = 0; i < r.layers(); i++) {
            String name = LayerNames.rasterLstm(i);
            g.addLayer(name, new RasterLstmLayer(i == 0 ? 1 : r.hidden(), r.hidden()), prev);
            prev = name;
        }
        g.addLayer(LayerNames.RASTER_TO_IMAGE, new RasterImage(r.height(), r.width()), prev);
        g.addLayer(
                LayerNames.RASTER_OUT,
                new MaskedConv2D(r.hidden(), 1, 1, 1, null, Activation.SIGMOID),
                LayerNames.RASTER_TO_IMAGE);
        return LayerNames.RASTER_OUT;
    }
}
