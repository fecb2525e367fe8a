package org.pixelscope.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A stride-1 convolution on {@link Frame} rows, forward and backward, as matrix products (BLAS
 * sgemm through {@link Nd4j#gemm}): for each kernel tap, the block of input rows that tap reads
 * times the tap's {@code [cIn, cOut]} weights, added into the output rows. Kernels and their
 * gradients are whole c-ordered {@code [kH * kW * cIn, cOut]} matrices (libnd4j's
 * {@code [kH, kW, cIn, cOut]} flattened; a tap is a block of rows); tap (dy, dx) reads row
 * {@code i + dy * frameWidth + dx + shift} for output row {@code i}, where {@code shift} places the
 * kernel in the frame.
 *
 * <p>Why not libnd4j's conv2d: the Gated PixelCNN's convolutions are small (32 or 64 channels, 1 to
 * 6 taps), and oneDNN converts their plain NCHW arrays to its blocked layout and back on every call:
 * measured for 32 images of 28 x 28 on one thread, a 1 x 1 convolution of 64 to 64 channels took
 * 12.6 ms forward and 27.4 ms backward on conv2d, 2.7 ms forward as one product here.
 *
 * <p>A kernel on few input channels (the first layer reads the image's one) would make each tap's
 * product a thin one that mostly rewrites the output: there the taps' input rows are first copied
 * side by side ({@code col}, im2col, stored transposed so that each tap is one contiguous copy)
 * and multiplied once.
 *
 * <p>Arrays are whole c-ordered {@code [rows, channels]} frame arrays; a call covers images
 * {@code [from, to)}, reading and writing only their rows, so slices of a batch can run side by
 * side ({@link BatchParts}). Thread: stateless apart from its working lines; one slice's.
 */
final class TapConv {

    /** Below this many input channels the taps are gathered into one product (im2col). */
    private static final long GATHER_BELOW = 8;

    private final Frame frame;
    private final long[] offsets;
    private final LineBuffers lines = new LineBuffers();

    /** A {@code kH x kW} kernel whose tap (0, 0) reads {@code shift} rows after the output row. */
    TapConv(Frame frame, int kH, int kW, int shift) {
        this.frame = frame;
        offsets = new long[kH * kW];
        for (int t = 0; t < offsets.length; t++) {
            offsets[t] = (long) (t / kW) * frame.frameWidth() + t % kW + shift;
        }
        if (offsets[offsets.length - 1] > frame.perImage() - frame.computed(1)) {
            throw new IllegalArgumentException(
                    "a " + kH + "x" + kW + " kernel shifted by " + shift + " reads past its frame " + frame);
        }
    }

    /** Taps of the kernel. */
    int taps() {
        return offsets.length;
    }

    /** Whether {@code cIn} input channels go through a gathered copy (then {@code col} must be given). */
    static boolean gathers(long cIn) {
        return cIn < GATHER_BELOW;
    }

    /**
     * {@code out += conv(in, w)} over the computed rows of images {@code [from, to)}; the output rows
     * below the last image's picture are left as they are. {@code col}: a frame array of
     * {@code taps * cIn} columns when {@link #gathers}, else unused.
     */
    void forward(INDArray in, INDArray w, INDArray out, INDArray col, long from, long to) {
        long base = frame.rows(from);
        long m = frame.computed(to - from);
        long cIn = in.size(1);
        INDArray outRows = out.get(interval(base, base + m), all());
        if (gathers(cIn)) {
            INDArray colT = gathered(col, cIn, base, m);
            gather(in, col, base, m);
            Nd4j.gemm(colT, w, outRows, true, false, 1.0, 1.0);
            return;
        }
        for (int t = 0; t < offsets.length; t++) {
            INDArray rows = in.get(interval(base + offsets[t], base + offsets[t] + m), all());
            Nd4j.gemm(rows, tap(w, t), outRows, false, false, 1.0, 1.0);
        }
    }

    /**
     * The gradients of {@link #forward} given {@code dOut} (zero on meaningless rows): {@code dIn}
     * (zeroed by the caller) gets the input error added, {@code dW} (this slice's
     * flattened kernel gradient) is overwritten. {@code col} and {@code dCol}: frame arrays of
     * {@code taps * cIn} columns when {@link #gathers}.
     */
    void backward(
            INDArray in,
            INDArray w,
            INDArray dOut,
            INDArray dIn,
            INDArray dW,
            INDArray col,
            INDArray dCol,
            long from,
            long to) {
        long base = frame.rows(from);
        long m = frame.computed(to - from);
        long cIn = in.size(1);
        INDArray dOutRows = dOut.get(interval(base, base + m), all());
        if (gathers(cIn)) {
            INDArray colT = gathered(col, cIn, base, m);
            gather(in, col, base, m);
            Nd4j.gemm(colT, dOutRows, dW, false, false, 1.0, 0.0);
            Nd4j.gemm(w, dOutRows, gathered(dCol, cIn, base, m), false, true, 1.0, 0.0);
            scatter(dCol, dIn, base, m);
            return;
        }
        for (int t = 0; t < offsets.length; t++) {
            INDArray rows = in.get(interval(base + offsets[t], base + offsets[t] + m), all());
            Nd4j.gemm(rows, dOutRows, tap(dW, t), true, false, 1.0, 0.0);
            INDArray dRows = dIn.get(interval(base + offsets[t], base + offsets[t] + m), all());
            Nd4j.gemm(dOutRows, tap(w, t), dRows, false, true, 1.0, 1.0);
        }
    }

    /**
     * The slice's block of a gathered array: {@code [taps * cIn, m]} (one row per tap and input
     * channel, one column per output row), contiguous from element {@code base * taps * cIn}, so a
     * slice's block stays inside its own rows' share of the array.
     */
    private INDArray gathered(INDArray col, long cIn, long base, long m) {
        long k = offsets.length * cIn;
        return Nd4j.create(col.data(), new long[] {k, m}, new long[] {m, 1}, base * k, 'c');
    }

    /** Row {@code (t, c)} of the gathered block = input channel c of rows {@code [base + offset_t, ... + m)}: one copy per tap. */
    private void gather(INDArray in, INDArray col, long base, long m) {
        int cIn = Math.toIntExact(in.size(1));
        int n = Math.toIntExact(m);
        int span = Math.toIntExact(m + offsets[offsets.length - 1]);
        double[] src = lines.get(0, span * cIn);
        LineBuffers.read(in, base * cIn, src, span * cIn);
        double[] row = lines.get(1, n);
        long at = base * offsets.length * cIn;
        for (int t = 0; t < offsets.length; t++) {
            for (int c = 0; c < cIn; c++) {
                int from = (int) offsets[t] * cIn + c;
                if (cIn == 1) {
                    System.arraycopy(src, from, row, 0, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        row[i] = src[from + i * cIn];
                    }
                }
                LineBuffers.write(row, n, col, at + (long) (t * cIn + c) * n);
            }
        }
    }

    /** {@code dIn[base + offset_t + i, c] += dCol[(t, c), i]}: the transpose of {@link #gather}. */
    private void scatter(INDArray dCol, INDArray dIn, long base, long m) {
        int cIn = Math.toIntExact(dIn.size(1));
        int n = Math.toIntExact(m);
        int span = Math.toIntExact(m + offsets[offsets.length - 1]);
        double[] dst = lines.get(0, span * cIn);
        LineBuffers.read(dIn, base * cIn, dst, span * cIn);
        double[] row = lines.get(1, n);
        long at = base * offsets.length * cIn;
        for (int t = 0; t < offsets.length; t++) {
            for (int c = 0; c < cIn; c++) {
                LineBuffers.read(dCol, at + (long) (t * cIn + c) * n, row, n);
                int from = (int) offsets[t] * cIn + c;
                for (int i = 0; i < n; i++) {
                    dst[from + i * cIn] += row[i];
                }
            }
        }
        LineBuffers.write(dst, span * cIn, dIn, base * cIn);
    }

    /** Tap {@code t}'s {@code [cIn, cOut]} weights, a view of the kernel. */
    private INDArray tap(INDArray w, int t) {
        long cIn = w.size(0) / offsets.length;
        return w.get(interval(t * cIn, (t + 1) * cIn), all());
    }
}
