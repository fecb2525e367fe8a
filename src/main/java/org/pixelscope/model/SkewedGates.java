package org.pixelscope.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Diagonal BiLSTM's input-to-state step and the skew, forward and backward: the 1 x 1
 * convolution of each image as one matrix product, its right-to-left half mirrored, both halves
 * skewed and interleaved gate by gate into {@link ConvLstmScan}'s layout, in one Java pass per
 * image; and the adjoint of that pass, then the products of the backward convolution.
 *
 * <p>Layouts: input {@code x [N, cIn, H, W]} (NCHW, whole c-ordered), kernel {@code w [cIn, 8h]}
 * (the 1 x 1 kernel {@code [1, 1, cIn, 8h]} as a matrix), bias {@code [8h]}. The convolution's
 * channel {@code d * 4h + g * h + j} (direction d, 0 left-to-right and 1 right-to-left, gate g,
 * unit j) at pixel (r, c) goes to skewed column {@code s = c' + r}, where {@code c' = c} for the
 * left-to-right half and {@code W - 1 - c} for the mirrored right-to-left half, as channel
 * {@code g * 2h + d * h + j} of the scan's input gates {@code [W + H - 1, N, 8h, 1, H]} at
 * position r. Gates at skewed positions outside the picture are 0 (no bias there), as in the
 * graph form, which pads the convolution's output with zeros before skewing it.
 *
 * <p>Why not libnd4j: the graph-form steps (conv2d, a mirror, a pad-and-reshape skew, then a
 * six-axis permuted copy into the scan's layout) took over half of a training step of the shipped
 * model; conv2d with 1 x 1 kernels converts NCHW to oneDNN's blocked layout and back on every call,
 * and the permuted copy of ~25 million values runs with strides that miss the cache. Here an image
 * is one product of {@code [8h, cIn] x [cIn, H * W]} straight on its NCHW planes, and the skew is a
 * precomputed list of positions walked in the skewed order, written out as {@code W + H - 1}
 * contiguous runs.
 *
 * <p>Passes run as slices of the batch on the cores ({@link BatchParts}); each slice's working
 * arrays are its own and made outside workspaces.
 *
 * <p>Thread: one caller at a time, like the layer that owns it.
 */
final class SkewedGates {

    /** One slice's working arrays. */
    private static final class Slice {
        INDArray plane;
        INDArray gradW;
        float[] zf;
        /** One image's skewed gates: positions outside the picture are never written and stay 0. */
        float[] gf;
        /** One image's skewed gate errors (all positions read; not {@link #gf}, whose zeros forward needs). */
        float[] ef;

        double[] zd;
        double[] gd;
        double[] ed;
        double[] gradB;
    }

    private final List<Slice> slices = new ArrayList<>();
    private int height;
    private int width;
    private int hidden;
    /**
     * The skew of one image as pairs, in increasing order of {@code target}: position {@code target[m]} of
     * the image's skewed gates {@code [W + H - 1, 8h, H]} holds value {@code origin[m]} of its
     * convolution output {@code [8h, H, W]}; the skewed positions not listed are outside the picture.
     */
    private int[] target;

    private int[] origin;
    /** Slices per batch when set by a test; 0: as many as {@link BatchParts#count}. */
    private int forcedParts;

    /**
     * {@code gates} (the scan's input, whole c-ordered {@code [W + H - 1, N, 8h, 1, H]}) from
     * {@code x} and the kernel {@code w [cIn, 8h]} and {@code bias [8h]}: every position written.
     */
    void forward(INDArray x, INDArray w, INDArray bias, INDArray gates) {
        INDArray xs = LineBuffers.whole(x);
        int n = Math.toIntExact(x.size(0));
        int cIn = Math.toIntExact(x.size(1));
        prepare(x, w.size(w.rank() - 1) / 8);
        INDArray wm = LineBuffers.whole(w).reshape('c', cIn, 8L * hidden);
        INDArray planes = xs.reshape('c', (long) n * cIn, (long) height * width);
        int perImage = 8 * hidden * height * width;
        int run = 8 * hidden * height;
        boolean f = x.dataType() == DataType.FLOAT;
        double[] b = LineBuffers.whole(bias).toDoubleVector();
        float[] bf = new float[b.length];
        for (int k = 0; k < b.length; k++) {
            bf[k] = (float) b[k];
        }
        int parts = parts(n, x.dataType());
        int area = height * width;
        BatchParts.run(n, parts, (p, from, to) -> {
            Slice s = slices.get(p);
            for (long i = from; i < to; i++) {
                INDArray image = planes.get(interval(i * cIn, (i + 1) * cIn), all());
                Nd4j.gemm(wm, image, s.plane, true, false, 1.0, 0.0);
                if (f) {
                    LineBuffers.read(s.plane, 0, s.zf, perImage);
                    for (int k = 0, ch = 0; ch < 8 * hidden; ch++) {
                        float bc = bf[ch];
                        for (int end = k + area; k < end; k++) {
                            s.zf[k] += bc;
                        }
                    }
                    // in the skewed order, so the writes run forward and the reads stay in one plane
                    for (int m = 0; m < target.length; m++) {
                        s.gf[target[m]] = s.zf[origin[m]];
                    }
                } else {
                    LineBuffers.read(s.plane, 0, s.zd, perImage);
                    for (int k = 0, ch = 0; ch < 8 * hidden; ch++) {
                        for (int end = k + area; k < end; k++) {
                            s.zd[k] += b[ch];
                        }
                    }
                    for (int m = 0; m < target.length; m++) {
                        s.gd[target[m]] = s.zd[origin[m]];
                    }
                }
                for (int col = 0; col < width + height - 1; col++) {
                    long at = ((long) col * n + i) * run;
                    if (f) {
                        LineBuffers.write(s.gf, col * run, run, gates, at);
                    } else {
                        LineBuffers.write(s.gd, col * run, run, gates, at);
                    }
                }
            }
        });
    }

    /**
     * From {@code gradGates} (the scan's input gates' error, whole c-ordered, in their layout):
     * the input's error into {@code gradIn [N, cIn, H, W]} (whole c-ordered), the kernel's into
     * {@code gradW [cIn, 8h]} and the bias's into {@code gradB [8h]} (both overwritten). Call
     * {@link #forward} on the same input first.
     */
    void backward(INDArray x, INDArray w, INDArray gradGates, INDArray gradIn, INDArray gradW, INDArray gradB) {
        INDArray xs = LineBuffers.whole(x);
        int n = Math.toIntExact(x.size(0));
        int cIn = Math.toIntExact(x.size(1));
        prepare(x, w.size(w.rank() - 1) / 8);
        INDArray wm = LineBuffers.whole(w).reshape('c', cIn, 8L * hidden);
        INDArray planes = xs.reshape('c', (long) n * cIn, (long) height * width);
        INDArray gradPlanes = gradIn.reshape('c', (long) n * cIn, (long) height * width);
        int perImage = 8 * hidden * height * width;
        int run = 8 * hidden * height;
        int area = height * width;
        boolean f = x.dataType() == DataType.FLOAT;
        int parts = parts(n, x.dataType());
        for (int p = 0; p < parts; p++) {
            Slice s = slices.get(p);
            if (s.gradW == null || s.gradW.size(0) != cIn) {
                try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    s.gradW = Nd4j.createUninitialized(x.dataType(), cIn, 8L * hidden);
                }
            }
        }
        BatchParts.run(n, parts, (p, from, to) -> {
            Slice s = slices.get(p);
            Arrays.fill(s.gradB, 0);
            for (long i = from; i < to; i++) {
                for (int col = 0; col < width + height - 1; col++) {
                    long at = ((long) col * n + i) * run;
                    if (f) {
                        LineBuffers.read(gradGates, at, s.ef, col * run, run);
                    } else {
                        LineBuffers.read(gradGates, at, s.ed, col * run, run);
                    }
                }
                if (f) {
                    for (int m = 0; m < target.length; m++) {
                        s.zf[origin[m]] = s.ef[target[m]];
                    }
                    for (int k = 0, ch = 0; ch < 8 * hidden; ch++) {
                        float sum = 0;
                        for (int end = k + area; k < end; k++) {
                            sum += s.zf[k];
                        }
                        s.gradB[ch] += sum;
                    }
                    LineBuffers.write(s.zf, perImage, s.plane, 0);
                } else {
                    for (int m = 0; m < target.length; m++) {
                        s.zd[origin[m]] = s.ed[target[m]];
                    }
                    for (int k = 0, ch = 0; ch < 8 * hidden; ch++) {
                        double sum = 0;
                        for (int end = k + area; k < end; k++) {
                            sum += s.zd[k];
                        }
                        s.gradB[ch] += sum;
                    }
                    LineBuffers.write(s.zd, perImage, s.plane, 0);
                }
                INDArray image = planes.get(interval(i * cIn, (i + 1) * cIn), all());
                INDArray gradImage = gradPlanes.get(interval(i * cIn, (i + 1) * cIn), all());
                Nd4j.gemm(wm, s.plane, gradImage, false, false, 1.0, 0.0);
                Nd4j.gemm(image, s.plane, s.gradW, false, true, 1.0, i == from ? 0.0 : 1.0);
            }
        });
        INDArray sumW = slices.get(0).gradW;
        double[] sumB = slices.get(0).gradB.clone();
        for (int p = 1; p < parts; p++) {
            sumW.addi(slices.get(p).gradW);
            double[] other = slices.get(p).gradB;
            for (int k = 0; k < sumB.length; k++) {
                sumB[k] += other[k];
            }
        }
        gradW.assign(sumW.reshape('c', gradW.shape()));
        for (int k = 0; k < sumB.length; k++) {
            gradB.putScalar(k, sumB[k]);
        }
    }

    /**
     * For tests: split every batch into {@code parts} slices whatever the machine's thread count
     * (the tests run with one OpenMP thread, which would leave a single slice).
     */
    void sliceInto(int parts) {
        forcedParts = parts;
    }

    /** The skew's positions for {@code x}'s image size and {@code h} units a direction (remade when they change). */
    private void prepare(INDArray x, long h) {
        int rows = Math.toIntExact(x.size(2));
        int cols = Math.toIntExact(x.size(3));
        int units = Math.toIntExact(h);
        if (target != null && rows == height && cols == width && units == hidden) {
            return;
        }
        height = rows;
        width = cols;
        hidden = units;
        slices.clear();
        int run = 8 * units * rows;
        int[] source = new int[(cols + rows - 1) * run];
        Arrays.fill(source, -1);
        for (int ch = 0, k = 0; ch < 8 * units; ch++) {
            int d = ch / (4 * units);
            int g = (ch / units) % 4;
            int j = ch % units;
            int channel = g * 2 * units + d * units + j;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++, k++) {
                    int col = (d == 0 ? c : cols - 1 - c) + r;
                    source[col * run + channel * rows + r] = k;
                }
            }
        }
        target = new int[8 * units * rows * cols];
        origin = new int[target.length];
        for (int t = 0, m = 0; t < source.length; t++) {
            if (source[t] >= 0) {
                target[m] = t;
                origin[m++] = source[t];
            }
        }
    }

    /** Slices for a batch of {@code n}, each with working arrays for {@code type} (made outside workspaces). */
    private int parts(int n, DataType type) {
        int parts = forcedParts > 0 ? Math.min(forcedParts, n) : BatchParts.count(n);
        int perImage = 8 * hidden * height * width;
        int skewed = (width + height - 1) * 8 * hidden * height;
        while (slices.size() < parts) {
            slices.add(new Slice());
        }
        for (int p = 0; p < parts; p++) {
            Slice s = slices.get(p);
            if (s.plane == null || s.plane.dataType() != type) {
                try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    s.plane = Nd4j.createUninitialized(type, 8L * hidden, (long) height * width);
                }
                s.gradW = null;
                if (type == DataType.FLOAT) {
                    s.zf = new float[perImage];
                    s.gf = new float[skewed];
                    s.ef = new float[skewed];
                } else {
                    s.zd = new double[perImage];
                    s.gd = new double[skewed];
                    s.ed = new double[skewed];
                }
                s.gradB = new double[8 * hidden];
            }
        }
        return parts;
    }
}
