package org.pixelscope.model;

import java.util.Collection;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PixelScope's direct-op layers run through their SameDiff graphs ({@code defineLayer}, with
 * {@link SameDiffBackprop}'s correction) instead of their runtimes, and the raster LSTM through
 * DL4J's own LSTM runtime: the reference the runtimes are compared with.
 */
final class GraphForm {

    private GraphForm() {}

    /** A copy of {@code net} (same parameters) whose direct-op layers run as SameDiff graphs. */
    static ComputationGraph of(ComputationGraph net) {
        ComputationGraphConfiguration conf = net.getConfiguration().clone();
        conf.getVertices().values().forEach(v -> {
            if (v instanceof LayerVertex lv) {
                if (lv.getLayerConf().getLayer() instanceof MaskedConv2D m) {
                    lv.getLayerConf().setLayer(new MaskedConv(m));
                } else if (lv.getLayerConf().getLayer() instanceof GatedPixelCnnLayer g) {
                    lv.getLayerConf().setLayer(new Gated(g));
                } else if (lv.getLayerConf().getLayer() instanceof RowLstm r) {
                    lv.getLayerConf().setLayer(new Row(r));
                } else if (lv.getLayerConf().getLayer() instanceof DiagonalBiLstm d) {
                    lv.getLayerConf().setLayer(new Diagonal(d));
                } else if (lv.getLayerConf().getLayer() instanceof RasterLstmLayer r) {
                    lv.getLayerConf().setLayer(new Dl4jLstm(r));
                }
            }
        });
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init(net.params().dup(), true);
        return graph;
    }

    /** {@link MaskedConv2D} as a SameDiff graph. */
    static final class MaskedConv extends MaskedConv2D {

        MaskedConv() {
            // for JSON
        }

        MaskedConv(MaskedConv2D m) {
            super(m.getNIn(), m.getNOut(), m.getKernelH(), m.getKernelW(), m.getMaskType(), m.getActivation());
            setColourGroups(m.getColourGroups());
            setLayerName(m.getLayerName());
            setUpdater(m.getUpdater());
            setBiasUpdater(m.getBiasUpdater());
        }

        @Override
        public org.deeplearning4j.nn.api.Layer instantiate(
                NeuralNetConfiguration conf,
                Collection<TrainingListener> listeners,
                int index,
                INDArray paramsView,
                boolean initializeParams,
                DataType dataType) {
            return SameDiffBackprop.instantiate(this, conf, listeners, index, paramsView, initializeParams, dataType);
        }
    }

    /** {@link GatedPixelCnnLayer} as a SameDiff graph. */
    static final class Gated extends GatedPixelCnnLayer {

        Gated() {
            // for JSON
        }

        Gated(GatedPixelCnnLayer g) {
            super(g.getNIn(), g.getFilters(), g.getKernel(), g.isFirst(), g.isLast(), g.getClasses());
            setLayerName(g.getLayerName());
            setUpdater(g.getUpdater());
            setBiasUpdater(g.getBiasUpdater());
        }

        @Override
        public org.deeplearning4j.nn.api.Layer instantiate(
                NeuralNetConfiguration conf,
                Collection<TrainingListener> listeners,
                int index,
                INDArray paramsView,
                boolean initializeParams,
                DataType dataType) {
            return SameDiffBackprop.instantiate(this, conf, listeners, index, paramsView, initializeParams, dataType);
        }
    }

    /** {@link RowLstm} as a SameDiff graph. */
    static final class Row extends RowLstm {

        Row() {
            // for JSON
        }

        Row(RowLstm r) {
            super(r.getNIn(), r.getHidden(), r.getKernel());
            setLayerName(r.getLayerName());
            setUpdater(r.getUpdater());
            setBiasUpdater(r.getBiasUpdater());
        }

        @Override
        public org.deeplearning4j.nn.api.Layer instantiate(
                NeuralNetConfiguration conf,
                Collection<TrainingListener> listeners,
                int index,
                INDArray paramsView,
                boolean initializeParams,
                DataType dataType) {
            return SameDiffBackprop.instantiate(this, conf, listeners, index, paramsView, initializeParams, dataType);
        }
    }

    /** {@link DiagonalBiLstm} as a SameDiff graph. */
    static final class Diagonal extends DiagonalBiLstm {

        Diagonal() {
            // for JSON
        }

        Diagonal(DiagonalBiLstm d) {
            super(d.getNIn(), d.getHidden());
            setShiftReverse(d.isShiftReverse());
            setLayerName(d.getLayerName());
            setUpdater(d.getUpdater());
            setBiasUpdater(d.getBiasUpdater());
        }

        @Override
        public org.deeplearning4j.nn.api.Layer instantiate(
                NeuralNetConfiguration conf,
                Collection<TrainingListener> listeners,
                int index,
                INDArray paramsView,
                boolean initializeParams,
                DataType dataType) {
            return SameDiffBackprop.instantiate(this, conf, listeners, index, paramsView, initializeParams, dataType);
        }
    }

    /** {@link RasterLstmLayer} on DL4J's own LSTM runtime ({@code LSTMHelpers}), as before the fused ops. */
    static final class Dl4jLstm extends RasterLstmLayer {

        Dl4jLstm() {
            // for JSON
        }

        Dl4jLstm(RasterLstmLayer r) {
            super(r.getNIn(), r.getNOut());
            setActivationFn(r.getActivationFn());
            setGateActivationFn(r.getGateActivationFn());
            setForgetGateBiasInit(r.getForgetGateBiasInit());
            setWeightInitFn(r.getWeightInitFn());
            setBiasInit(r.getBiasInit());
            setGainInit(r.getGainInit());
            setRegularization(r.getRegularization());
            setRegularizationBias(r.getRegularizationBias());
            setLayerName(r.getLayerName());
            setIUpdater(r.getIUpdater());
            setBiasUpdater(r.getBiasUpdater());
        }

        /** What {@code LSTM.instantiate} does in DL4J 1.0.0-M2.1. */
        @Override
        public org.deeplearning4j.nn.api.Layer instantiate(
                NeuralNetConfiguration conf,
                Collection<TrainingListener> listeners,
                int index,
                INDArray paramsView,
                boolean initializeParams,
                DataType dataType) {
            var runtime = new org.deeplearning4j.nn.layers.recurrent.LSTM(conf, dataType);
            runtime.setListeners(listeners);
            runtime.setIndex(index);
            runtime.setParamsViewArray(paramsView);
            runtime.setParamTable(initializer().init(conf, paramsView, initializeParams));
            runtime.setConf(conf);
            return runtime;
        }
    }
}
