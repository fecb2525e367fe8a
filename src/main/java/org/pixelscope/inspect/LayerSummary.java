package org.pixelscope.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.pixelscope.model.MaskType;
import org.pixelscope.model.MaskedKernel;
import org.pixelscope.model.MaskedLayer;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;

/**
 * The layer table of a model in the layout Keras users know ({@code Layer (type)},
 * {@code Output Shape}, {@code Param #}, totals), read from the built DL4J network. Masked
 * weights are trainable parameters that the mask pins at zero; the summary counts them as
 * parameters, as Keras does for the chapter's model, and reports how many there are; each
 * masked layer says which of its kernels are masked ({@link MaskedLayer}).
 */
public record LayerSummary(
        String model,
        List<SummaryRow> rows,
        long totalParams,
        long trainableParams,
        long nonTrainableParams,
        long maskedZeros) {

    public LayerSummary {
        rows = List.copyOf(rows);
    }

    public static LayerSummary of(PixelModel model) {
        ComputationGraph net = model.network();
        ComputationGraphConfiguration conf = net.getConfiguration();
        InputType[] in = NetworkBuilder.inputTypes(model.spec());
        Map<String, InputType> types = conf.getLayerActivationTypes(in);
        List<SummaryRow> rows = new ArrayList<>();
        long masked = 0;
        for (String name : conf.getTopologicalOrderStr()) {
            GraphVertex v = conf.getVertices().get(name);
            String inputs = String.join(", ", conf.getVertexInputs().getOrDefault(name, List.of()));
            if (v == null) {
                // the image, then a conditional network's label planes
                InputType type = in[conf.getNetworkInputs().indexOf(name)];
                rows.add(new SummaryRow(name, "Input", shape(type), 0, null, 0, "", ""));
                continue;
            }
            long params = net.getVertex(name).numParams();
            String type = v.getClass().getSimpleName().replace("Vertex", "");
            MaskType mask = null;
            long zeros = 0;
            if (v instanceof LayerVertex lv) {
                Layer layer = lv.getLayerConf().getLayer();
                type = layer.getClass().getSimpleName();
                if (layer instanceof MaskedLayer m) {
                    type += " " + m.kernelLabel();
                    mask = m.rasterKernel().map(MaskedKernel::type).orElse(null);
                    zeros = m.maskedKernels().stream()
                            .mapToLong(MaskedKernel::blockedWeights)
                            .sum();
                }
            }
            masked += zeros;
            rows.add(new SummaryRow(
                    name, type, shape(types.get(name)), params, mask, zeros, inputs, formula(net.getVertex(name))));
        }
        long total = net.numParams();
        return new LayerSummary(model.spec().name(), rows, total, total, 0, masked);
    }

    /**
     * The parameter count as a sum over the vertex's parameter arrays, in their stored shapes:
     * {@code W 64x1x7x7 = 3,136 + b 1x64 = 64}; empty when it has none.
     */
    static String formula(org.deeplearning4j.nn.graph.vertex.GraphVertex vertex) {
        java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> table = vertex.paramTable(false);
        if (table == null || table.isEmpty()) {
            return "";
        }
        java.util.StringJoiner terms = new java.util.StringJoiner(" + ");
        for (var e : table.entrySet()) {
            long[] shape = e.getValue().shape();
            java.util.StringJoiner dims = new java.util.StringJoiner("x");
            for (long d : shape) {
                dims.add(Long.toString(d));
            }
            terms.add(String.format(
                    java.util.Locale.ROOT,
                    "%s %s = %,d",
                    e.getKey(),
                    dims,
                    e.getValue().length()));
        }
        return terms.toString();
    }

    /** The plain-text table the CLI prints and the GUI copies. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        String line = "-".repeat(78) + "\n";
        sb.append("Model: \"").append(model).append("\"\n").append(line);
        sb.append(String.format(Locale.ROOT, "%-40s %-22s %12s%n", "Layer (type)", "Output Shape", "Param #"));
        sb.append("=".repeat(78)).append('\n');
        for (SummaryRow r : rows) {
            String label = r.name() + " (" + r.type() + (r.mask() != null ? ", mask " + r.mask() : "") + ")";
            sb.append(String.format(Locale.ROOT, "%-40s %-22s %,12d%n", label, r.outputShape(), r.params()));
        }
        sb.append("=".repeat(78)).append('\n');
        sb.append(String.format(Locale.ROOT, "Total params: %,d%n", totalParams));
        sb.append(String.format(Locale.ROOT, "Trainable params: %,d%n", trainableParams));
        sb.append(String.format(Locale.ROOT, "Non-trainable params: %,d%n", nonTrainableParams));
        sb.append(String.format(Locale.ROOT, "Masked weights (trainable, held at 0 by the masks): %,d%n", maskedZeros));
        sb.append(line);
        return sb.toString();
    }

    private static String shape(InputType t) {
        if (t instanceof InputType.InputTypeConvolutional c) {
            return "(None, " + c.getHeight() + ", " + c.getWidth() + ", " + c.getChannels() + ")";
        }
        if (t instanceof InputType.InputTypeRecurrent r) {
            return "(None, " + r.getTimeSeriesLength() + ", " + r.getSize() + ")";
        }
        return t == null ? "?" : t.toString();
    }
}
