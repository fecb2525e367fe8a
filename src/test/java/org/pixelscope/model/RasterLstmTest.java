package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class RasterLstmTest {

    private static final RasterLstmSpec SMALL = new RasterLstmSpec("raster-small", "test", 6, 7, 8, 2);

    @Test
    void isAutoregressive() {
        Causality.assertAutoregressive(NetworkBuilder.build(SMALL, 5, 1e-3), 21);
    }

    /**
     * {@link RasterLstmLayer} is the LSTM the raster family built with DL4J's builder before it:
     * the same configuration but for its class, the same initial weights, outputs and gradients.
     */
    @Test
    void layerIsDl4jsLstmWithTheSameWeightsOutputsAndGradients() {
        ComputationGraph ours = twoLayers(new RasterLstmLayer(2, 5), new RasterLstmLayer(5, 5));
        ComputationGraph stock = twoLayers(stockLstm(2), stockLstm(5));
        assertThat(ours.getLayer("lstm1").getClass().getSimpleName()).isEqualTo("RasterLstmRuntime");
        assertThat(ours.getConfiguration().toJson().replace(RasterLstmLayer.class.getName(), LSTM.class.getName()))
                .isEqualTo(stock.getConfiguration().toJson());
        assertThat(ours.params()).isEqualTo(stock.params());

        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 2, 11);
        INDArray y = Nd4j.rand(DataType.FLOAT, 3, 5, 11).gt(0.5).castTo(DataType.FLOAT);
        assertThat(ours.outputSingle(false, x)).isEqualTo(stock.outputSingle(false, x));
        for (ComputationGraph net : new ComputationGraph[] {ours, stock}) {
            net.setInputs(x);
            net.setLabels(y);
            net.computeGradientAndScore();
        }
        assertThat(ours.gradient().gradient()).isEqualTo(stock.gradient().gradient());
    }

    private static LSTM stockLstm(long nIn) {
        return new LSTM.Builder()
                .nIn(nIn)
                .nOut(5)
                .activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID)
                .build();
    }

    private static ComputationGraph twoLayers(Layer first, Layer second) {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .seed(3)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.recurrent(2))
                .addLayer("lstm0", first, "in")
                .addLayer("lstm1", second, "lstm0")
                .addLayer(
                        "loss",
                        new RnnLossLayer.Builder(LossFunctions.LossFunction.XENT)
                                .activation(Activation.SIGMOID)
                                .build(),
                        "lstm1")
                .setOutputs("loss")
                .build());
        net.init();
        return net;
    }
}
