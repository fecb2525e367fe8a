package org.pixelscope.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The recurrence of the Row LSTM and the Diagonal BiLSTM, forward and backward: S steps, each
 * updating a line of L states (a row of the image, or a column of the skewed image) from the gates
 * the input gives it and a 1 x k convolution of the previous step's line. Gate order as in
 * {@link LstmGates}: {@code [i, f, o, g]}, blocks of {@code c} channels.
 *
 * <pre>
 *   z_s = in_s + conv(h_{s-1})        i, f, o = sigmoid(z_s[i, f, o]),  g = tanh(z_s[g])
 *   c_s = f * c_{s-1} + i * g         h_s = o * tanh(c_s)               h_{-1} = c_{-1} = 0
 * </pre>
 *
 * The convolution runs VALID over the previous line with {@code before} zero positions in front of
 * it and {@code after} behind, so position l reads positions {@code l - before .. l - before + k - 1}:
 * {@code before = after = k / 2} is the Row LSTM's same-padded 1 x k kernel, {@code before = 1,
 * after = 0} with k = 2 the Diagonal BiLSTM's causal 2 x 1 kernel. The state lines are kept in
 * one zero-bordered buffer, so the next step's convolution reads them in place.
 *
 * <p>How it runs: per step, the convolution is one libnd4j op (and its backward one
 * {@code conv2d_bp}), and the gate arithmetic is a Java loop over {@link LineBuffers} copies of
 * the step's lines, in double precision. The unrolled SameDiff graph this replaces spent its time
 * in per-op overhead: about ten graph ops per step forward and more backward, each a native call
 * with its own set-up, and on a shared 2-core machine each parallel op also waits for a second
 * thread. Here a step is one or two native calls, and backward reads the forward's activations
 * and cells instead of recomputing them. The images of a batch are independent, so a pass runs as
 * slices of the batch side by side ({@link BatchParts}: one slice per core, each slice's ops on
 * one OpenMP thread, its own working arrays and copies of its step's state and error as whole
 * arrays for the convolution; the slices' kernel gradients are added up after the join).
 *
 * <p>Layouts (c order): input gates {@code [S, N, 4c, 1, L]}, output states
 * {@code [S, N, c, L]}, the kernel {@code [1, k, c, 4c]} (libnd4j's conv2d weight format).
 *
 * <p>Thread: one caller at a time, like the layer that owns it.
 */
final class ConvLstmScan {

    /**
     * What a forward pass keeps: the gate activations {@code [S, N, 4c, 1, L]} (overwritten with
     * the gate pre-activations' errors by {@link #backward}), the cells and their tanh
     * {@code [S, N, c, L]}, and the states {@code [S + 1, N, c, 1, before + L + after]}, entry 0
     * the zero initial state.
     */
    record Pass(INDArray act, INDArray cells, INDArray cellTanh, INDArray states) {}

    /** One slice's working arrays and its own convolution op. */
    private static final class Slice {
        final LineBuffers lines = new LineBuffers();
        final ConvOps conv;

        Slice(int kernel) {
            conv = new ConvOps(1, kernel, false);
        }
    }

    private final int kernel;
    private final int before;
    private final int after;
    private final List<Slice> slices = new ArrayList<>();
    /** Slices per batch when set by a test ({@link #sliceInto}); 0: as many as {@link BatchParts#count}. */
    private int forcedParts;

    ConvLstmScan(int kernel, int before, int after) {
        this.kernel = kernel;
        this.before = before;
        this.after = after;
    }

    /** Runs the recurrence on the input gates {@code in [S, N, 4c, 1, L]}; the arrays it keeps are of {@code type}. */
    Pass forward(INDArray in, INDArray kernel, LayerWorkspaceMgr mgr, ArrayType type) {
        long[] shape = in.shape();
        int steps = (int) shape[0];
        int n = (int) shape[1];
        int c = (int) (shape[2] / 4);
        int len = (int) shape[4];
        int padded = before + len + after;
        var dt = in.dataType();
        INDArray act = mgr.createUninitialized(type, dt, shape, 'c');
        INDArray cells = mgr.createUninitialized(type, dt, new long[] {steps, n, c, len}, 'c');
        INDArray cellTanh = mgr.createUninitialized(type, dt, new long[] {steps, n, c, len}, 'c');
        INDArray states = mgr.create(type, dt, new long[] {steps + 1, n, c, 1, padded}, 'c');
        int parts = parts(n);
        INDArray[] previous = new INDArray[parts];
        INDArray[] fromState = new INDArray[parts];
        for (int p = 0; p < parts; p++) {
            long m = BatchParts.from(n, parts, p + 1) - BatchParts.from(n, parts, p);
            previous[p] = mgr.createUninitialized(scratch(type), dt, new long[] {m, c, 1, padded}, 'c');
            fromState[p] = mgr.createUninitialized(scratch(type), dt, new long[] {m, 4L * c, 1, len}, 'c');
        }
        BatchParts.run(n, parts, (p, from, to) -> {
            LineBuffers lines = slices.get(p).lines;
            ConvOps conv = slices.get(p).conv;
            int m = (int) (to - from);
            int gates = m * 4 * c * len;
            int cellCount = m * c * len;
            int lineCount = m * c * padded;
            double[] z = lines.get(0, gates);
            double[] conv2 = lines.get(1, gates);
            double[] cell = lines.get(2, cellCount);
            double[] last = lines.get(3, cellCount);
            double[] tanh = lines.get(4, cellCount);
            double[] line = lines.get(5, lineCount);
            java.util.Arrays.fill(line, 0, lineCount, 0);
            for (int s = 0; s < steps; s++) {
                long gateAt = ((long) s * n + from) * 4 * c * len;
                long cellAt = ((long) s * n + from) * c * len;
                LineBuffers.read(in, gateAt, z, gates);
                if (s > 0) {
                    conv.forward(previous[p], kernel, null, fromState[p]);
                    LineBuffers.read(fromState[p], 0, conv2, gates);
                    for (int k = 0; k < gates; k++) {
                        z[k] += conv2[k];
                    }
                }
                for (int b = 0; b < m; b++) {
                    for (int j = 0; j < c; j++) {
                        int gi = (b * 4 * c + j) * len;
                        int ci = (b * c + j) * len;
                        int li = (b * c + j) * padded + before;
                        for (int l = 0; l < len; l++) {
                            int g0 = gi + l;
                            int g1 = g0 + c * len;
                            int g2 = g1 + c * len;
                            int g3 = g2 + c * len;
                            double i = sigmoid(z[g0]);
                            double f = sigmoid(z[g1]);
                            double o = sigmoid(z[g2]);
                            double g = tanh(z[g3]);
                            z[g0] = i;
                            z[g1] = f;
                            z[g2] = o;
                            z[g3] = g;
                            double cs = i * g + (s > 0 ? f * last[ci + l] : 0);
                            double t = tanh(cs);
                            cell[ci + l] = cs;
                            tanh[ci + l] = t;
                            line[li + l] = o * t;
                        }
                    }
                }
                LineBuffers.write(z, gates, act, gateAt);
                LineBuffers.write(cell, cellCount, cells, cellAt);
                LineBuffers.write(tanh, cellCount, cellTanh, cellAt);
                LineBuffers.write(line, lineCount, states, ((long) (s + 1) * n + from) * c * padded);
                if (s < steps - 1) {
                    LineBuffers.write(line, lineCount, previous[p], 0);
                }
                System.arraycopy(cell, 0, last, 0, cellCount);
            }
        });
        return new Pass(act, cells, cellTanh, states);
    }

    /** The output states {@code [S, N, c, L]} of a pass (a view). */
    INDArray output(Pass p) {
        INDArray st = p.states;
        long len = st.size(4) - before - after;
        return st.get(interval(1, st.size(0)), all(), all(), point(0), interval(before, before + len));
    }

    /**
     * Back-propagates {@code gradOut [S, N, c, L]} (c order; the error of {@link #output})
     * through the pass: returns the error of the input gates {@code [S, N, 4c, 1, L]} (written over
     * {@code p.act()}) and writes the kernel's gradient into {@code gradKernel}.
     */
    INDArray backward(Pass p, INDArray kernel, INDArray gradOut, INDArray gradKernel, LayerWorkspaceMgr mgr) {
        long[] shape = p.act.shape();
        int steps = (int) shape[0];
        int n = (int) shape[1];
        int c = (int) (shape[2] / 4);
        int len = (int) shape[4];
        int padded = before + len + after;
        var dt = gradOut.dataType();
        int parts = parts(n);
        INDArray[] fromNext = new INDArray[parts];
        INDArray[] previous = new INDArray[parts];
        INDArray[] gradStep = new INDArray[parts];
        INDArray[] stepGradKernel = new INDArray[parts];
        for (int q = 0; q < parts; q++) {
            long m = BatchParts.from(n, parts, q + 1) - BatchParts.from(n, parts, q);
            fromNext[q] = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dt, new long[] {m, c, 1, padded}, 'c');
            previous[q] = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dt, new long[] {m, c, 1, padded}, 'c');
            gradStep[q] = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dt, new long[] {m, 4L * c, 1, len}, 'c');
            stepGradKernel[q] = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, dt, kernel.shape(), 'c');
        }
        int kernelCount = (int) kernel.length();
        BatchParts.run(n, parts, (q, from, to) -> {
            LineBuffers lines = slices.get(q).lines;
            ConvOps conv = slices.get(q).conv;
            int m = (int) (to - from);
            int gates = m * 4 * c * len;
            int cellCount = m * c * len;
            int lineCount = m * c * padded;
            double[] a = lines.get(0, gates);
            double[] dh = lines.get(1, cellCount);
            double[] tanh = lines.get(2, cellCount);
            double[] last = lines.get(3, cellCount);
            double[] dcNext = lines.get(4, cellCount);
            double[] next = lines.get(5, lineCount);
            double[] dk = lines.get(6, kernelCount);
            double[] dkSum = lines.get(7, kernelCount);
            java.util.Arrays.fill(dcNext, 0, cellCount, 0);
            java.util.Arrays.fill(dkSum, 0, kernelCount, 0);
            for (int s = steps - 1; s >= 0; s--) {
                long gateAt = ((long) s * n + from) * 4 * c * len;
                long cellAt = ((long) s * n + from) * c * len;
                LineBuffers.read(gradOut, cellAt, dh, cellCount);
                if (s < steps - 1) {
                    LineBuffers.read(fromNext[q], 0, next, lineCount);
                    for (int r = 0; r < m * c; r++) {
                        for (int l = 0; l < len; l++) {
                            dh[r * len + l] += next[r * padded + before + l];
                        }
                    }
                }
                LineBuffers.read(p.act, gateAt, a, gates);
                LineBuffers.read(p.cellTanh, cellAt, tanh, cellCount);
                if (s > 0) {
                    LineBuffers.read(p.cells, cellAt - (long) n * c * len, last, cellCount);
                }
                for (int b = 0; b < m; b++) {
                    for (int j = 0; j < c; j++) {
                        int gi = (b * 4 * c + j) * len;
                        int ci = (b * c + j) * len;
                        for (int l = 0; l < len; l++) {
                            int g0 = gi + l;
                            int g1 = g0 + c * len;
                            int g2 = g1 + c * len;
                            int g3 = g2 + c * len;
                            double i = a[g0];
                            double f = a[g1];
                            double o = a[g2];
                            double g = a[g3];
                            double d = dh[ci + l];
                            double t = tanh[ci + l];
                            // h = o * tanh(c), c = f * c_prev + i * g
                            double dc = d * o * (1 - t * t) + dcNext[ci + l];
                            double cPrev = s > 0 ? last[ci + l] : 0;
                            dcNext[ci + l] = dc * f;
                            a[g0] = dc * g * i * (1 - i);
                            a[g1] = dc * cPrev * f * (1 - f);
                            a[g2] = d * t * o * (1 - o);
                            a[g3] = dc * i * (1 - g * g);
                        }
                    }
                }
                LineBuffers.write(a, gates, p.act, gateAt);
                if (s > 0) {
                    // the initial state is zero: step 0's convolution adds nothing and has no gradient
                    LineBuffers.write(a, gates, gradStep[q], 0);
                    LineBuffers.read(p.states, ((long) s * n + from) * c * padded, next, lineCount);
                    LineBuffers.write(next, lineCount, previous[q], 0);
                    conv.backward(previous[q], kernel, null, gradStep[q], fromNext[q], stepGradKernel[q], null);
                    LineBuffers.read(stepGradKernel[q], 0, dk, kernelCount);
                    for (int k = 0; k < kernelCount; k++) {
                        dkSum[k] += dk[k];
                    }
                }
            }
        });
        double[] sum = slices.get(0).lines.get(7, kernelCount);
        for (int q = 1; q < parts; q++) {
            double[] other = slices.get(q).lines.get(7, kernelCount);
            for (int k = 0; k < kernelCount; k++) {
                sum[k] += other[k];
            }
        }
        LineBuffers.write(sum, kernelCount, stepGradKernel[0], 0);
        gradKernel.assign(stepGradKernel[0]);
        return p.act;
    }

    /**
     * For tests: split every batch into {@code parts} slices whatever the machine's thread count
     * (the tests run with one OpenMP thread, which would leave a single slice).
     */
    void sliceInto(int parts) {
        forcedParts = parts;
    }

    /** How many slices a batch of {@code n} runs as; makes any {@link Slice} not yet made. */
    private int parts(int n) {
        int parts = forcedParts > 0 ? Math.min(forcedParts, n) : BatchParts.count(n);
        while (slices.size() < parts) {
            slices.add(new Slice(kernel));
        }
        return parts;
    }

    /** Where a pass that keeps its arrays in {@code kept} puts arrays it does not keep. */
    static ArrayType scratch(ArrayType kept) {
        return kept == ArrayType.ACTIVATIONS ? ArrayType.FF_WORKING_MEM : kept;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** {@code tanh} through one {@code exp}, which the JIT compiles to an intrinsic ({@code Math.tanh} it does not). */
    private static double tanh(double x) {
        return 1 - 2 / (Math.exp(2 * x) + 1);
    }
}
