package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The shared gradient check of PixelScope's SameDiff layers. */
final class GradientChecks {

    private GradientChecks() {}

    /**
     * DL4J's {@code GradientCheckUtil} on a double-precision network of the layer, a second
     * SameDiff layer (a 1x1 sigmoid conv, so errors pass through one into the other) and
     * cross-entropy, two 3x4 images. The check insists on a double global default; it is
     * restored for the tests that follow.
     */
    static void assertExact(Layer layer) {
        assertExact(layer, 2);
    }

    /** {@link #assertExact(Layer)} on inputs of {@code channels} channels. */
    static void assertExact(Layer layer, int channels) {
        DataType before = Nd4j.dataType();
        DataType beforeFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            Nd4j.getRandom().setSeed(12);
            ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder()
                    .dataType(DataType.DOUBLE)
                    .seed(12)
                    .updater(new NoOp())
                    .graphBuilder()
                    .addInputs("in")
                    .setInputTypes(InputType.convolutional(3, 4, channels))
                    .addLayer("layer", layer, "in")
                    .addLayer("out", new MaskedConv2D(2, 1, 1, 1, null, Activation.SIGMOID), "layer")
                    .addLayer(
                            "loss",
                            new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT)
                                    .activation(Activation.IDENTITY)
                                    .build(),
                            "out")
                    .setOutputs("loss")
                    .build());
            net.init();
            INDArray in = Nd4j.rand(DataType.DOUBLE, 2, channels, 3, 4).subi(0.5);
            INDArray labels = Nd4j.rand(DataType.DOUBLE, 2, 1, 3, 4).gt(0.5).castTo(DataType.DOUBLE);
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                    .net(net)
                    .inputs(new INDArray[] {in})
                    .labels(new INDArray[] {labels})
                    .epsilon(1e-6)
                    .maxRelError(1e-3)
                    .minAbsoluteError(1e-8));
            assertThat(ok)
                    .as("gradient check of " + layer.getClass().getSimpleName())
                    .isTrue();
        } finally {
            Nd4j.setDefaultDataTypes(before, beforeFloat);
        }
    }
}
