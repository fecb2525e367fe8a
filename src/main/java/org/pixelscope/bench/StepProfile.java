package org.pixelscope.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Where one training step's time goes, as parts that add up to the step: each vertex of the
 * network (layers, residual sums, the loss), forward plus backward, and {@link #REST}, the optimizer
 * update with the graph's bookkeeping. Milliseconds, medians over repetitions.
 *
 * <p>What is measured: in each repetition one {@code fit} (the whole step) and one
 * {@code computeGradientAndScore} (the same forward and backward pass fit runs, with its
 * workspaces); the remainder's share of the step is {@code 1 - forwardBackward / fit} (0 when noise
 * makes the pass come out slower than the step around it). The forward-backward share is divided
 * among the vertices in proportion to their own times in a separate pass that drives the vertices
 * one at a time in topological order, as fit does. That pass cannot be the step itself: it runs
 * without workspaces (fresh arrays for every result) and some runtimes recompute forward results
 * in backprop there, so its times add up to more than the step (the old split subtracted their sum
 * from the step and reported a negative remainder); only their proportions are used.
 *
 * <p>Thread: runs on the caller's thread; the network must not be used elsewhere meanwhile.
 */
public final class StepProfile {

    /** Key of the remainder: the step outside its forward and backward pass (optimizer update, graph bookkeeping). */
    public static final String REST = "update_and_rest";

    private StepProfile() {}

    /**
     * Milliseconds per vertex (network order) and {@link #REST}, for one step on {@code batch}
     * (features are the labels): {@code stepMs}, the whole step's median as measured by fit, split
     * in the shares measured here; each part is at least 0 and they add up to {@code stepMs} (each
     * rounded to 0.1 ms).
     */
    public static Map<String, Double> measure(ComputationGraph net, DataSet batch, double stepMs, int repetitions) {
        return measure(net, new INDArray[] {batch.getFeatures()}, batch.getLabels(), stepMs, repetitions);
    }

    /**
     * {@link #measure(ComputationGraph, DataSet, double, int)} for a network of several inputs
     * (a class-conditional model's image and label planes), in the network's input order.
     */
    public static Map<String, Double> measure(
            ComputationGraph net, INDArray[] inputs, INDArray labels, double stepMs, int repetitions) {
        org.nd4j.linalg.dataset.MultiDataSet batch =
                new org.nd4j.linalg.dataset.MultiDataSet(inputs, new INDArray[] {labels});
        net.fit(batch);
        // the fit initialises the gradient views the vertices write into
        GraphVertex[] vertices = net.getVertices();
        int[] order = net.topologicalSortOrder();
        double[][] ms = new double[vertices.length][repetitions];
        double[] fit = new double[repetitions];
        double[] forwardBackward = new double[repetitions];
        for (int rep = 0; rep < repetitions; rep++) {
            long t0 = System.nanoTime();
            net.fit(batch);
            fit[rep] = (System.nanoTime() - t0) / 1e6;
            net.setInputs(inputs);
            net.setLabels(labels);
            t0 = System.nanoTime();
            net.computeGradientAndScore();
            forwardBackward[rep] = (System.nanoTime() - t0) / 1e6;
            double[] once = once(net, vertices, order, inputs, labels);
            for (int v = 0; v < vertices.length; v++) {
                ms[v][rep] = once[v];
            }
        }
        net.clearLayersStates();
        double restShare = Math.max(0, 1 - median(forwardBackward) / median(fit));
        double vertexSum = 0;
        for (int idx : order) {
            if (!vertices[idx].isInputVertex()) {
                vertexSum += median(ms[idx]);
            }
        }
        Map<String, Double> r = new LinkedHashMap<>();
        for (int idx : order) {
            if (!vertices[idx].isInputVertex()) {
                double share = vertexSum > 0 ? median(ms[idx]) / vertexSum : 0;
                r.put(vertices[idx].getVertexName(), round(share * (1 - restShare) * stepMs));
            }
        }
        r.put(REST, round(restShare * stepMs));
        return r;
    }

    /** One forward and backward pass, vertex by vertex; milliseconds per vertex index. */
    private static double[] once(
            ComputationGraph net, GraphVertex[] vertices, int[] order, INDArray[] inputs, INDArray labels) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        double[] ms = new double[vertices.length];
        for (int idx : order) {
            GraphVertex v = vertices[idx];
            INDArray out;
            if (v.isInputVertex()) {
                out = inputs[net.getConfiguration().getNetworkInputs().indexOf(v.getVertexName())];
            } else {
                if (v.hasLayer() && v.getLayer() instanceof IOutputLayer loss) {
                    loss.setLabels(labels);
                }
                long t0 = System.nanoTime();
                out = v.doForward(true, mgr);
                ms[idx] += (System.nanoTime() - t0) / 1e6;
            }
            for (VertexIndices next : v.getOutputVertices() == null ? new VertexIndices[0] : v.getOutputVertices()) {
                vertices[next.getVertexIndex()].setInput(next.getVertexEdgeNumber(), out, mgr);
            }
        }
        INDArray[] epsilons = new INDArray[vertices.length];
        for (int i = order.length - 1; i >= 0; i--) {
            GraphVertex v = vertices[order[i]];
            if (v.isInputVertex()) {
                continue;
            }
            if (!v.isOutputVertex()) {
                v.setEpsilon(epsilons[order[i]]);
            }
            long t0 = System.nanoTime();
            Pair<Gradient, INDArray[]> back = v.doBackward(false, mgr);
            ms[order[i]] += (System.nanoTime() - t0) / 1e6;
            VertexIndices[] from = v.getInputVertices();
            for (int k = 0; k < from.length; k++) {
                int source = from[k].getVertexIndex();
                INDArray e = back.getSecond()[k];
                epsilons[source] = epsilons[source] == null ? e.dup() : epsilons[source].addi(e);
            }
        }
        return ms;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
