package org.pixelscope.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer configuration whose kernels are multiplied by 0/1 masks: the one answer to "which
 * layers carry a mask, on which parameter, of what shape". The layer table, the mask grids, the
 * masks view's kernels and the samplers' weight readers all ask here, so a new masked layer
 * explains itself by implementing this and nothing that reads masks changes.
 *
 * <p>Thread: implementations are layer configurations, immutable once a network is built.
 */
public interface MaskedLayer {

    /** Its masked kernels in parameter order; empty when this instance masks nothing (a plain 1x1 output). */
    List<MaskedKernel> maskedKernels();

    /**
     * The 0/1 mask of one of {@link #maskedKernels()}, shaped like the parameter, float32. A
     * parameter that has no mask is an IllegalArgumentException.
     */
    INDArray mask(String parameter);

    /** The kernel in the layer table, after the layer's class: {@code 7x7}, {@code 1x3}. */
    String kernelLabel();

    /** The first kernel under a raster mask (A or B), the one the masks view draws. */
    default Optional<MaskedKernel> rasterKernel() {
        return maskedKernels().stream().filter(MaskedKernel::raster).findFirst();
    }

    /** The kernel of {@code parameter}, if that parameter is masked. */
    default Optional<MaskedKernel> kernel(String parameter) {
        return maskedKernels().stream()
                .filter(k -> k.parameter().equals(parameter))
                .findFirst();
    }

    /** Every layer of a network that implements this interface, by name, in the network's order. */
    static Map<String, MaskedLayer> of(ComputationGraph net) {
        Map<String, MaskedLayer> layers = new LinkedHashMap<>();
        for (String name : net.getConfiguration().getTopologicalOrderStr()) {
            MaskedLayer m = of(net.getConfiguration().getVertices().get(name));
            if (m != null) {
                layers.put(name, m);
            }
        }
        return layers;
    }

    /** The layer called {@code name}, if the network has one and it is masked. */
    static Optional<MaskedLayer> of(ComputationGraph net, String name) {
        return Optional.ofNullable(of(net.getConfiguration().getVertices().get(name)));
    }

    private static MaskedLayer of(GraphVertex v) {
        return v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof MaskedLayer m ? m : null;
    }
}
