package org.pixelscope.model;

import java.util.SplittableRandom;

/** Test weights: freshly built networks start with zero biases, which would hide a bias applied twice or forgotten. */
public final class TestWeights {

    private TestWeights() {}

    /** Non-zero biases everywhere (every parameter its layer declares a bias); returns the same model. */
    public static PixelModel withBiases(PixelModel model) {
        SplittableRandom rnd = new SplittableRandom(3);
        for (org.deeplearning4j.nn.api.Layer layer : model.network().getLayers()) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            layer.paramTable().forEach((name, value) -> {
                if (conf.initializer().isBiasParam(conf, name)) {
                    for (long j = 0; j < value.length(); j++) {
                        value.putScalar(j, value.getDouble(j) + rnd.nextDouble(-0.5, 0.5));
                    }
                }
            });
        }
        return model;
    }
}
