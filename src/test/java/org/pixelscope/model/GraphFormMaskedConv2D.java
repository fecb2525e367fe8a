package org.pixelscope.model;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link MaskedConv2D} run through its SameDiff graph ({@link MaskedConv2D#defineLayer}, with
 * {@link SameDiffBackprop}'s correction) instead of the direct runtime: the reference the direct
 * runtime is compared with.
 */
class GraphFormMaskedConv2D extends MaskedConv2D {

    GraphFormMaskedConv2D() {
        // for JSON
    }

    GraphFormMaskedConv2D(MaskedConv2D m) {
        super(m.getNIn(), m.getNOut(), m.getKernelH(), m.getKernelW(), m.getMaskType(), m.getActivation());
        setColourGroups(m.getColourGroups());
        setLayerName(m.getLayerName());
        setUpdater(m.getUpdater());
        setBiasUpdater(m.getBiasUpdater());
        setRegularization(m.getRegularization());
        setRegularizationBias(m.getRegularizationBias());
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
            int index, INDArray paramsView, boolean initializeParams, DataType dataType) {
        return SameDiffBackprop.instantiate(this, conf, listeners, index, paramsView, initializeParams, dataType);
    }

    /** A copy of {@code net} (same parameters) whose masked convolutions run as SameDiff graphs. */
    static ComputationGraph of(ComputationGraph net) {
        ComputationGraphConfiguration conf = net.getConfiguration().clone();
        conf.getVertices().values().forEach(v -> {
            if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof MaskedConv2D m) {
                lv.getLayerConf().setLayer(new GraphFormMaskedConv2D(m));
            }
        });
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init(net.params().dup(), true);
        return graph;
    }
}
