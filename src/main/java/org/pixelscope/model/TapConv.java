package org.pixelscope.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A stride-1 convolution on {@link Frame} rows, forward and backward, as a few matrix products
 * (sgemm through {@link Nd4j#gemm}). Tap (dy, dx) of a {@code kH x kW} kernel reads frame row
 * {@code i + dy * frameWidth + dx + shift} for output row {@code i}, where {@code shift} places the
 * kernel in the frame; kernels and their gradients are whole c-ordered {@code [taps * cIn, cOut]}
 * matrices (libnd4j's {@code [kH, kW, cIn, cOut]} flattened, its taps in {@link #taps()}' order).
 *
 * <p>The input is first expanded ({@link #expand}): row {@code j} of the expanded array holds the
 * frame rows {@code j + o + shift} of the taps that go side by side, {@code [rows, taps * cIn]}.
 * A product then multiplies the expanded rows shifted by a constant with those taps'
 * {@code [taps * cIn, cOut]} weights. Three arrangements:
 * <ul>
 *   <li>few input channels (below {@link #ALL_TAPS_BELOW}; the first layer reads the image's
 *       one): all computed taps side by side (im2col), one product for the kernel;
 *   <li>a whole kernel (the Gated PixelCNN's stacks): one kernel row's taps side by side, one
 *       product per row, so a 2 x 3 kernel is 2 products instead of 6;
 *   <li>a masked kernel's computed taps: the expanded array is the frame itself and each tap is
 *       one product on it, shifted. Measured on the chapter network (five 3 x 3 mask-B layers of
 *       64 channels, 5 computed taps each, 64 images on the 2-core EPYC): a training step took
 *       596-628 ms this way against 769-850 ms with each kernel row's taps side by side, whose
 *       expanded copy is three times the input and made the products wait on memory.
 * </ul>
 * Backward, the weight gradient is one product per product of the forward pass on the same rows;
 * the input's error is one product per tap straight onto the frame rows that tap read (with all
 * taps side by side, one product into the expanded input's error, which {@link #fold} sums onto
 * the pixels), and {@link #fold} then moves it to the layer's {@code [N, C, H, W]} error.
 *
 * <p>Why not libnd4j's conv2d: the Gated PixelCNN's convolutions are small (32 or 64 channels, 1 to
 * 6 taps), and oneDNN converts their plain NCHW arrays to its blocked layout and back on every call:
 * measured for 32 images of 28 x 28 on one thread, a 1 x 1 convolution of 64 to 64 channels took
 * 12.6 ms forward and 27.4 ms backward on conv2d, 2.7 ms forward as one product.
 *
 * <p>Frame arrays are whole c-ordered {@code [rows, channels]}; a call covers images
 * {@code [from, to)}, reading and writing only their rows, so slices of a batch can run side by
 * side ({@link BatchParts}). Thread: not thread-safe (working arrays); one slice's.
 */
final class TapConv {

    /** Below this many input channels all taps go side by side (im2col): one product per kernel. */
    private static final long ALL_TAPS_BELOW = 8;

    private final Frame frame;
    private final int cIn;
    /** Whether all computed taps go side by side (im2col): one product for the whole kernel. */
    private final boolean allTaps;
    /** Frame-row offsets of the taps side by side in an expanded row. */
    private final int[] offsets;
    /** Row offsets of the products: one per kernel row, one per computed tap, or one for the whole kernel. */
    private final long[] groups;
    /** The kernel taps ({@code row * kW + column}) of the kernel matrix's blocks of {@code cIn} rows, in order. */
    private final int[] taps;
    /** The frame-row offsets whose errors {@link #fold} sums: the expanded taps (im2col), or the frame itself. */
    private final int[] folded;

    private final LineBuffers lines = new LineBuffers();

    /**
     * A {@code kH x kW} kernel on {@code cIn} channels whose tap (0, 0) reads {@code shift} rows
     * after the output row: one product per kernel row (all taps side by side below
     * {@link #ALL_TAPS_BELOW} channels).
     */
    TapConv(Frame frame, int kH, int kW, int shift, int cIn) {
        this(frame, kH, kW, shift, cIn, null);
    }

    /**
     * As {@link #TapConv(Frame, int, int, int, int)}, computing only the taps {@code (r, c)} with
     * {@code computed[r * kW + c]} (a masked kernel skips the taps its mask zeroes), each as its
     * own product straight on the frame rows (no expanded copy), or all side by side below
     * {@link #ALL_TAPS_BELOW} channels. The kernel matrix holds only those taps'
     * {@code [cIn, cOut]} blocks, in the order of {@link #taps()}. Null {@code computed}: the
     * 5-argument form.
     */
    TapConv(Frame frame, int kH, int kW, int shift, int cIn, boolean[] computed) {
        this.frame = frame;
        this.cIn = cIn;
        int wf = frame.frameWidth();
        allTaps = cIn < ALL_TAPS_BELOW;
        int[] kernelTaps = new int[kH * kW];
        int count = 0;
        for (int t = 0; t < kH * kW; t++) {
            if (computed == null || computed[t]) {
                kernelTaps[count++] = t;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("a " + kH + "x" + kW + " kernel with no computed tap");
        }
        taps = Arrays.copyOf(kernelTaps, count);
        if (allTaps) {
            offsets = new int[count];
            for (int t = 0; t < count; t++) {
                offsets[t] = (taps[t] / kW) * wf + taps[t] % kW + shift;
            }
            groups = new long[] {0};
        } else if (computed == null) {
            offsets = new int[kW];
            for (int t = 0; t < kW; t++) {
                offsets[t] = t + shift;
            }
            groups = new long[kH];
            for (int g = 0; g < kH; g++) {
                groups[g] = (long) g * wf;
            }
        } else {
            offsets = new int[] {shift};
            groups = new long[count];
            for (int t = 0; t < count; t++) {
                groups[t] = (long) (taps[t] / kW) * wf + taps[t] % kW;
            }
        }
        folded = allTaps ? offsets : new int[] {0};
        long reach = 0;
        for (long g : groups) {
            reach = Math.max(reach, g + offsets[offsets.length - 1]);
        }
        if (shift < 0 || reach > frame.perImage() - frame.computed(1)) {
            throw new IllegalArgumentException(
                    "a " + kH + "x" + kW + " kernel shifted by " + shift + " reads past its frame " + frame);
        }
    }

    /** The kernel taps ({@code row * kW + column}) whose {@code [cIn, cOut]} blocks make up the kernel matrix, in order. */
    int[] taps() {
        return taps.clone();
    }

    /** Columns of the expanded input: the taps side by side. */
    long width() {
        return (long) offsets.length * cIn;
    }

    /**
     * Columns of the input error {@link #backward} writes: the expanded width when all taps go side
     * by side, else the frame's channels (each tap's error lands on its frame rows).
     */
    long errorWidth() {
        return (long) folded.length * cIn;
    }

    /**
     * The expanded input of images {@code [from, to)}: {@code x[j] = [P[j + o_0], P[j + o_1], ...]}, where
     * {@code P} is the frame holding channels {@code [srcFrom, srcFrom + cIn)} of {@code src [N, C, H, W]}
     * with the image at ({@code top}, {@code left}) and zeros around it. Rows past an image's frame
     * read zeros: only meaningless outputs use them.
     */
    void expand(INDArray src, long srcFrom, int top, int left, INDArray x, long from, long to) {
        int plane = frame.height() * frame.width();
        int p = Math.toIntExact(frame.perImage());
        int span = p * offsets.length * cIn;
        boolean floats = src.dataType() == DataType.FLOAT && x.dataType() == DataType.FLOAT;
        double[] a = floats ? null : lines.get(0, cIn * plane);
        double[] framed = floats ? null : lines.get(1, p * cIn);
        double[] out = floats ? null : lines.get(2, span);
        float[] af = floats ? lines.floats(0, cIn * plane) : null;
        float[] framedF = floats ? lines.floats(1, p * cIn) : null;
        float[] outF = floats ? lines.floats(2, span) : null;
        // the border stays zero: each image overwrites the same picture positions
        if (floats) {
            Arrays.fill(framedF, 0, p * cIn, 0f);
        } else {
            Arrays.fill(framed, 0, p * cIn, 0.0);
        }
        for (long i = from; i < to; i++) {
            long at = (i * src.size(1) + srcFrom) * plane;
            if (floats) {
                LineBuffers.read(src, at, af, cIn * plane);
            } else {
                LineBuffers.read(src, at, a, cIn * plane);
            }
            if (floats) {
                ChannelsLast.toFrame(
                        af, 0, frame.height(), frame.width(), cIn, framedF, 0, top, left, frame.frameWidth());
            } else {
                for (int y = 0; y < frame.height(); y++) {
                    for (int x0 = 0; x0 < frame.width(); x0++) {
                        int q = ((y + top) * frame.frameWidth() + x0 + left) * cIn;
                        for (int c = 0; c < cIn; c++) {
                            framed[q + c] = a[c * plane + y * frame.width() + x0];
                        }
                    }
                }
            }
            int row = offsets.length * cIn;
            if (offsets.length == 1 && offsets[0] == 0) {
                // one tap at the output's own position: the expanded input is the frame
                if (floats) {
                    LineBuffers.write(framedF, span, x, frame.rows(i) * row);
                } else {
                    LineBuffers.write(framed, span, x, frame.rows(i) * row);
                }
                continue;
            }
            if (floats && cIn == 1) {
                // one channel (im2col of the image): single values, no copy calls
                for (int j = 0; j < p; j++) {
                    for (int t = 0; t < offsets.length; t++) {
                        int k = j + offsets[t];
                        outF[j * row + t] = k < p ? framedF[k] : 0f;
                    }
                }
                LineBuffers.write(outF, span, x, frame.rows(i) * row);
                continue;
            }
            for (int j = 0; j < p; j++) {
                for (int t = 0; t < offsets.length; t++) {
                    int k = j + offsets[t];
                    int dst = j * row + t * cIn;
                    if (k < p) {
                        if (floats) {
                            System.arraycopy(framedF, k * cIn, outF, dst, cIn);
                        } else {
                            System.arraycopy(framed, k * cIn, out, dst, cIn);
                        }
                    } else if (floats) {
                        Arrays.fill(outF, dst, dst + cIn, 0f);
                    } else {
                        Arrays.fill(out, dst, dst + cIn, 0.0);
                    }
                }
            }
            if (floats) {
                LineBuffers.write(outF, span, x, frame.rows(i) * row);
            } else {
                LineBuffers.write(out, span, x, frame.rows(i) * row);
            }
        }
    }

    /** {@code out += conv} over the computed rows of images {@code [from, to)}, from the expanded input {@code x}. */
    void forward(INDArray x, INDArray w, INDArray out, long from, long to) {
        long base = frame.rows(from);
        long m = frame.computed(to - from);
        INDArray outRows = out.get(interval(base, base + m), all());
        for (int g = 0; g < groups.length; g++) {
            INDArray rows = x.get(interval(base + groups[g], base + groups[g] + m), all());
            Nd4j.gemm(rows, block(w, g), outRows, false, false, 1.0, 1.0);
        }
    }

    /**
     * The gradients of {@link #forward} given {@code dOut} (zero on meaningless rows): {@code dX}, the
     * input's error ({@link #errorWidth} columns, zeroed by the caller), gets it added; {@code dW}
     * (this slice's flattened kernel gradient) is overwritten. With all taps side by side {@code dX}
     * is the expanded input's error; otherwise each tap's error goes straight onto the frame rows it
     * read, one product per tap (summing an expanded error's taps in Java had been the layer's
     * largest Java pass).
     */
    void backward(INDArray x, INDArray w, INDArray dOut, INDArray dX, INDArray dW, long from, long to) {
        long base = frame.rows(from);
        long m = frame.computed(to - from);
        INDArray dOutRows = dOut.get(interval(base, base + m), all());
        for (int g = 0; g < groups.length; g++) {
            INDArray rows = x.get(interval(base + groups[g], base + groups[g] + m), all());
            Nd4j.gemm(rows, dOutRows, block(dW, g), true, false, 1.0, 0.0);
            if (allTaps) {
                INDArray dRows = dX.get(interval(base + groups[g], base + groups[g] + m), all());
                Nd4j.gemm(dOutRows, block(w, g), dRows, false, true, 1.0, 1.0);
                continue;
            }
            for (int t = 0; t < offsets.length; t++) {
                long at = base + groups[g] + offsets[t];
                long first = (long) (g * offsets.length + t) * cIn;
                INDArray tap = w.get(interval(first, first + cIn), all());
                Nd4j.gemm(dOutRows, tap, dX.get(interval(at, at + m), all()), false, true, 1.0, 1.0);
            }
        }
    }

    /**
     * The error of the pixels from the expanded input's error {@code dX}, the transpose of
     * {@link #expand}: {@code dst[i, dstFrom + c, y, x]} = (its value when {@code add}) + the sum over taps
     * of {@code dX[q - o_t]}'s channel c at tap t, {@code q} the pixel's frame row (image at
     * {@code top}, {@code left}) + {@code extra[i, extraFrom + c, y, x]} when {@code extra} is not null.
     */
    void fold(
            INDArray dX,
            int top,
            int left,
            INDArray dst,
            long dstFrom,
            boolean add,
            INDArray extra,
            long extraFrom,
            long from,
            long to) {
        int plane = frame.height() * frame.width();
        int p = Math.toIntExact(frame.perImage());
        int row = folded.length * cIn;
        if (dX.dataType() == DataType.FLOAT
                && dst.dataType() == DataType.FLOAT
                && (extra == null || extra.dataType() == DataType.FLOAT)) {
            foldFloat(dX, top, left, dst, dstFrom, add, extra, extraFrom, from, to);
            return;
        }
        double[] d = lines.get(0, p * row);
        double[] o = lines.get(1, cIn * plane);
        double[] e = lines.get(2, cIn * plane);
        for (long i = from; i < to; i++) {
            LineBuffers.read(dX, frame.rows(i) * row, d, p * row);
            long at = (i * dst.size(1) + dstFrom) * plane;
            if (add) {
                LineBuffers.read(dst, at, o, cIn * plane);
            } else {
                Arrays.fill(o, 0, cIn * plane, 0.0);
            }
            if (extra != null) {
                LineBuffers.read(extra, (i * extra.size(1) + extraFrom) * plane, e, cIn * plane);
                for (int k = 0; k < cIn * plane; k++) {
                    o[k] += e[k];
                }
            }
            for (int y = 0; y < frame.height(); y++) {
                for (int x0 = 0; x0 < frame.width(); x0++) {
                    int q = (y + top) * frame.frameWidth() + x0 + left;
                    int pix = y * frame.width() + x0;
                    for (int t = 0; t < folded.length; t++) {
                        int j = q - folded[t];
                        if (j < 0) {
                            continue;
                        }
                        int src = j * row + t * cIn;
                        for (int c = 0; c < cIn; c++) {
                            o[c * plane + pix] += d[src + c];
                        }
                    }
                }
            }
            LineBuffers.write(o, cIn * plane, dst, at);
        }
    }

    /** {@link #fold} on float arrays. */
    private void foldFloat(
            INDArray dX,
            int top,
            int left,
            INDArray dst,
            long dstFrom,
            boolean add,
            INDArray extra,
            long extraFrom,
            long from,
            long to) {
        int plane = frame.height() * frame.width();
        int p = Math.toIntExact(frame.perImage());
        int row = folded.length * cIn;
        boolean framed = folded.length == 1 && folded[0] == 0;
        float[] d = framed ? null : lines.floats(0, p * row);
        float[] o = lines.floats(1, cIn * plane);
        float[] e = lines.floats(2, cIn * plane);
        float[] acc = lines.floats(3, p * cIn);
        for (long i = from; i < to; i++) {
            if (framed) {
                // the error is already on the frame rows
                LineBuffers.read(dX, frame.rows(i) * cIn, acc, p * cIn);
            } else {
                LineBuffers.read(dX, frame.rows(i) * row, d, p * row);
                Arrays.fill(acc, 0, p * cIn, 0f);
            }
            if (!framed && cIn == 1) {
                // one channel (im2col of the image): each expanded row's taps onto their positions
                for (int j = 0; j < p; j++) {
                    for (int t = 0; t < folded.length; t++) {
                        int a = j + folded[t];
                        if (a < p) {
                            acc[a] += d[j * row + t];
                        }
                    }
                }
            }
            // the taps' errors summed per frame position, channels last: flat adds
            for (int t = 0; !framed && cIn > 1 && t < folded.length; t++) {
                int shift = folded[t] * cIn;
                for (int j = 0; j + folded[t] < p; j++) {
                    int a = j * cIn + shift;
                    int b = j * row + t * cIn;
                    for (int c = 0; c < cIn; c++) {
                        acc[a + c] += d[b + c];
                    }
                }
            }
            long at = (i * dst.size(1) + dstFrom) * plane;
            if (add) {
                LineBuffers.read(dst, at, o, cIn * plane);
            } else {
                Arrays.fill(o, 0, cIn * plane, 0f);
            }
            if (extra != null) {
                LineBuffers.read(extra, (i * extra.size(1) + extraFrom) * plane, e, cIn * plane);
                for (int k = 0; k < cIn * plane; k++) {
                    o[k] += e[k];
                }
            }
            ChannelsLast.toPlanes(
                    acc, 0, top, left, frame.frameWidth(), cIn, o, 0, frame.height(), frame.width(), true);
            LineBuffers.write(o, cIn * plane, dst, at);
        }
    }

    /** Product {@code g}'s block of the kernel matrix: its taps' rows, or the whole kernel. */
    private INDArray block(INDArray w, int g) {
        long rows = (long) offsets.length * cIn;
        return groups.length == 1 ? w : w.get(interval(g * rows, (g + 1) * rows), all());
    }
}
