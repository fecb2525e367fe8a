package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class RasterLstmTest {

    private static final RasterLstmSpec SMALL = new RasterLstmSpec("raster-small", "test", 6, 7, 8, 2);
    /** Float rounding apart, the fused passes are DL4J's arithmetic: differences stay at this fraction of the largest value. */
    private static final double TOLERANCE = 1e-5;

    private static final String[] PARAMS = {
        LSTMParamInitializer.INPUT_WEIGHT_KEY, LSTMParamInitializer.RECURRENT_WEIGHT_KEY, LSTMParamInitializer.BIAS_KEY
    };

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
        assertClose("output", ours.outputSingle(false, x), stock.outputSingle(false, x));
        for (ComputationGraph net : new ComputationGraph[] {ours, stock}) {
            net.setInputs(x);
            net.setLabels(y);
            net.computeGradientAndScore();
        }
        assertClose("gradient", ours.gradient().gradient(), stock.gradient().gradient());
    }

    /**
     * Layer by layer on a 5x6 raster model (30 steps, 7 units, inputs of 1 and 7 channels): the
     * fused passes give DL4J's LSTM outputs, gradients of W, RW and b, and input gradients.
     */
    @Test
    void fusedPassesGiveDl4jsOutputsAndGradients() {
        ComputationGraph fused = NetworkBuilder.build(new RasterLstmSpec("r", "t", 5, 6, 7, 2), 4, 1e-3)
                .network();
        ComputationGraph dl4j = GraphForm.of(fused);
        fused.initGradientsView();
        dl4j.initGradientsView();
        for (int i = 0; i < 2; i++) {
            Layer ours = fused.getLayer(LayerNames.rasterLstm(i));
            Layer stock = dl4j.getLayer(LayerNames.rasterLstm(i));
            assertThat(ours.getClass().getSimpleName()).isEqualTo("RasterLstmRuntime");
            assertThat(stock.getClass()).isEqualTo(org.deeplearning4j.nn.layers.recurrent.LSTM.class);
            INDArray in = Nd4j.rand(DataType.FLOAT, 3, i == 0 ? 1 : 7, 30).subi(0.5);
            INDArray eps = Nd4j.rand(DataType.FLOAT, 3, 7, 30).subi(0.5);
            Pass a = pass(ours, in, eps);
            Pass b = pass(stock, in, eps);
            String layer = LayerNames.rasterLstm(i);
            assertClose(layer + " output", a.out, b.out);
            assertClose(layer + " input gradient", a.gradIn, b.gradIn);
            for (String p : PARAMS) {
                assertClose(layer + " gradient of " + p, a.grad.getGradientFor(p), b.grad.getGradientFor(p));
            }
        }
    }

    /** Backprop without a training pass's kept outputs (here: after an inference pass) recomputes them. */
    @Test
    void backpropRecomputesWhenNoTrainingPassKeptItsOutputs() {
        ComputationGraph net = NetworkBuilder.build(new RasterLstmSpec("r", "t", 5, 6, 7, 1), 4, 1e-3)
                .network();
        net.initGradientsView();
        Layer layer = net.getLayer(LayerNames.rasterLstm(0));
        INDArray in = Nd4j.rand(DataType.FLOAT, 3, 1, 30);
        INDArray eps = Nd4j.rand(DataType.FLOAT, 3, 7, 30).subi(0.5);
        Pass kept = pass(layer, in, eps);
        INDArray keptGrad = kept.grad.gradient().dup();
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(in, mgr);
        assertThat(layer.activate(false, mgr)).isEqualTo(kept.out);
        Pair<Gradient, INDArray> recomputed = layer.backpropGradient(eps, mgr);
        assertThat(recomputed.getFirst().gradient()).isEqualTo(keptGrad);
        assertThat(recomputed.getSecond()).isEqualTo(kept.gradIn);
    }

    /** The comparison above catches a wrong gate mapping: input gate and block input swapped. */
    @Test
    void aWrongGateOrderIsCaught() {
        ComputationGraph dl4j = GraphForm.of(NetworkBuilder.build(new RasterLstmSpec("r", "t", 5, 6, 7, 1), 4, 1e-3)
                .network());
        Layer stock = dl4j.getLayer(LayerNames.rasterLstm(0));
        INDArray in = Nd4j.rand(DataType.FLOAT, 3, 1, 30);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        stock.setInput(in, mgr);
        INDArray expected = stock.activate(false, mgr).dup();
        for (int[] order : new int[][] {{3, 1, 0, 2}, {0, 1, 3, 2}}) {
            INDArray ht = Nd4j.create(DataType.FLOAT, 30, 3, 7);
            new LstmLayerOps(order)
                    .forward(
                            in.permute(2, 0, 1).dup('c'),
                            stock.getParam(PARAMS[0]),
                            stock.getParam(PARAMS[1]),
                            stock.getParam(PARAMS[2]),
                            ht,
                            mgr,
                            ArrayType.FF_WORKING_MEM);
            INDArray out = ht.permute(1, 2, 0);
            double diff = maxAbs(out.sub(expected));
            if (order[0] == 3) {
                assertThat(diff).isLessThan(TOLERANCE);
            } else {
                assertThat(diff).isGreaterThan(1e-2);
            }
        }
    }

    /** The whole raster model against its DL4J-LSTM form: probabilities, score and every gradient. */
    @Test
    void rasterModelMatchesItsDl4jLstmForm() {
        PixelModel model = NetworkBuilder.build(new RasterLstmSpec("r", "t", 5, 6, 7, 2), 6, 1e-3);
        ComputationGraph fused = model.network();
        ComputationGraph dl4j = GraphForm.of(fused);
        INDArray x = MaskedConv2DTest.randomBinary(3, 5, 6, 41);
        assertClose("probabilities", fused.outputSingle(false, x), dl4j.outputSingle(false, x));
        for (ComputationGraph net : new ComputationGraph[] {fused, dl4j}) {
            net.setInputs(x);
            net.setLabels(x);
            net.computeGradientAndScore();
        }
        assertThat(fused.score())
                .isCloseTo(dl4j.score(), org.assertj.core.data.Offset.offset(TOLERANCE * dl4j.score()));
        assertClose("gradient", fused.gradient().gradient(), dl4j.gradient().gradient());
    }

    /** DL4J's finite-difference check on two stacked layers in double precision. */
    @Test
    void gradientsMatchFiniteDifferences() {
        DataType before = Nd4j.dataType();
        DataType beforeFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder()
                    .seed(12)
                    .dataType(DataType.DOUBLE)
                    .updater(new NoOp())
                    .graphBuilder()
                    .addInputs("in")
                    .setInputTypes(InputType.recurrent(2))
                    .addLayer("lstm0", new RasterLstmLayer(2, 4), "in")
                    .addLayer("lstm1", new RasterLstmLayer(4, 3), "lstm0")
                    .addLayer(
                            "loss",
                            new RnnLossLayer.Builder(LossFunctions.LossFunction.XENT)
                                    .activation(Activation.SIGMOID)
                                    .build(),
                            "lstm1")
                    .setOutputs("loss")
                    .build());
            net.init();
            INDArray in = Nd4j.rand(DataType.DOUBLE, 2, 2, 6).subi(0.5);
            INDArray labels = Nd4j.rand(DataType.DOUBLE, 2, 3, 6).gt(0.5).castTo(DataType.DOUBLE);
            assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                            .net(net)
                            .inputs(new INDArray[] {in})
                            .labels(new INDArray[] {labels})
                            .epsilon(1e-6)
                            .maxRelError(1e-3)
                            .minAbsoluteError(1e-8)))
                    .isTrue();
        } finally {
            Nd4j.setDefaultDataTypes(before, beforeFloat);
        }
    }

    private record Pass(INDArray out, Gradient grad, INDArray gradIn) {}

    private static Pass pass(Layer layer, INDArray in, INDArray eps) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(in, mgr);
        INDArray out = layer.activate(true, mgr).dup();
        Pair<Gradient, INDArray> g = layer.backpropGradient(eps, mgr);
        return new Pass(out, g.getFirst(), g.getSecond().dup());
    }

    private static void assertClose(String what, INDArray actual, INDArray expected) {
        assertThat(actual.shape()).as(what).isEqualTo(expected.shape());
        assertThat(maxAbs(actual.sub(expected)))
                .as(what)
                .isLessThanOrEqualTo(TOLERANCE * Math.max(1, maxAbs(expected)));
    }

    private static double maxAbs(INDArray a) {
        return a.amaxNumber().doubleValue();
    }

    private static LSTM stockLstm(long nIn) {
        return new LSTM.Builder()
                .nIn(nIn)
                .nOut(5)
                .activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID)
                .build();
    }

    private static ComputationGraph twoLayers(
            org.deeplearning4j.nn.conf.layers.Layer first, org.deeplearning4j.nn.conf.layers.Layer second) {
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
