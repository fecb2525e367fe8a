package org.pixelscope.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link MaskedConv2DRuntime}'s convolution as matrix products on {@link Frame} arrays
 * ({@link TapConv}), computing only the taps its mask lets through: 5 of a 3 x 3 mask-B kernel's 9
 * taps, 24 of a 7 x 7 mask-A kernel's 49 (libnd4j's conv2d on the kernel's rows up to the centre
 * computed 6 and 28). With 8 or more input channels each tap is one product on the frame rows,
 * with fewer all taps go side by side (im2col) into one product ({@link TapConv}).
 *
 * <p>The kernel matrix holds the computed taps' {@code [cIn, cOut]} blocks of {@code W * mask}
 * ({@link TapConv#taps()}), gathered before each pass; its gradient is multiplied by the same
 * mask blocks and put back in place, every other weight getting exactly 0, so masked weights stay
 * at 0 as with the graph form. Frame: {@code k/2} zero rows above the image and {@code k/2} zero
 * columns each side, so output (r, c) reads rows r-k/2..r and columns c-k/2..c+k/2, as the
 * SAME-padded convolution does.
 *
 * <p>The activation: ReLU is applied as the output is copied out to {@code [N, C, H, W]} and its
 * derivative as the error is copied in (from the kept frame pre-activation), in the same Java
 * passes; the identity needs nothing; the runtime applies any other to the copied output.
 *
 * <p>Why: on 28 x 28 images with 64 channels, libnd4j's conv2d converts its NCHW arrays to
 * oneDNN's blocked layout and back on every call and computes every tap of the rows it reads, and
 * DL4J's ReLU and its derivative are two more passes over the layer's output. Measured on the
 * chapter network (a scratch loop of 15 training steps on one 64-image batch, 2-core EPYC, builds
 * alternated three times): 603-626 ms a step this way against 707-885 ms on conv2d; in
 * {@code bench} the 3 x 3 layers' share of a step fell from 120-150 ms each to 100-115 ms.
 *
 * <p>Passes run as slices of the batch side by side ({@link BatchParts}), each on one OpenMP
 * thread with its own {@link TapConv}, {@link FramePlanes} and gradient scratch; the caller's
 * thread allocates every shared array first.
 *
 * <p>Thread: one layer's thread at a time.
 */
final class FramedConv {

    /** One slice's convolution, layout passes and weight gradients. */
    private static final class Slice {
        final TapConv conv;
        final FramePlanes planes;
        INDArray dW;
        INDArray dB;

        Slice(Frame frame, int kH, int kW, int cIn, boolean[] computed) {
            conv = new TapConv(frame, kH, kW, 0, cIn, computed);
            planes = new FramePlanes(frame);
        }
    }

    private final int kH;
    private final int kW;
    private final int up;
    private final int side;
    private final int cIn;
    private final int cOut;
    private final boolean[] computed;
    private final int[] taps;
    /** The mask's values over the kernel matrix's rows ({@code [taps * cIn, cOut]} flattened), or null for none. */
    private final double[] tapMask;
    /** The kernel matrix {@code W * mask} of the computed taps, refreshed before each pass; outside workspaces. */
    private INDArray kernel;
    /** A whole kernel {@code [kH * kW * cIn, cOut]}: the weights read, or the gradient written. Outside workspaces. */
    private INDArray whole;
    /** Java copies of a whole kernel and of the kernel matrix, for the gather and the scatter. */
    private double[] wholeValues;

    private double[] kernelValues;
    /** The bias, read with the kernel. */
    private double[] biasValues;

    private Frame frame;
    private final List<Slice> slices = new ArrayList<>();
    private INDArray ones;
    private int forcedParts;

    /**
     * A {@code kH x kW} convolution from {@code cIn} to {@code cOut} channels under {@code mask}
     * ({@code [kH, kW, cIn, cOut]}, null for none), computing the kernel rows up to the centre.
     * Use {@link #suits} first.
     */
    FramedConv(int kH, int kW, int cIn, int cOut, INDArray mask) {
        this.kH = kH;
        this.kW = kW;
        this.cIn = cIn;
        this.cOut = cOut;
        up = kH / 2;
        side = kW / 2;
        INDArray rows;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            rows = mask == null
                    ? null
                    : mask.reshape('c', (long) kH * kW * cIn, cOut).dup('c');
        }
        computed = computedTaps(kH, kW, cIn, rows);
        int count = 0;
        for (boolean c : computed) {
            count += c ? 1 : 0;
        }
        taps = new int[count];
        for (int t = 0, i = 0; t < computed.length; t++) {
            if (computed[t]) {
                taps[i++] = t;
            }
        }
        if (rows == null) {
            tapMask = null;
        } else {
            double[] all = rows.castTo(DataType.DOUBLE).data().asDouble();
            tapMask = new double[taps.length * cIn * cOut];
            int block = cIn * cOut;
            for (int i = 0; i < taps.length; i++) {
                System.arraycopy(all, taps[i] * block, tapMask, i * block, block);
            }
        }
    }

    /**
     * Whether a layer runs this way: a masked kernel larger than 1 x 1 whose rows below the centre
     * the mask zeroes, with at least one tap through. 1 x 1 layers stay on conv2d: measured, the
     * chapter network's 64-to-1 output took 16-26 ms per training step there and ~34 ms as frame
     * products (a one-column product, and copies in and out).
     */
    static boolean suits(int kH, int kW, int cIn, INDArray mask) {
        if (mask == null || kH % 2 == 0 || kW % 2 == 0 || kH * kW == 1) {
            return false;
        }
        INDArray rows = mask.reshape('c', (long) kH * kW * cIn, mask.size(3));
        long cropped = (long) (kH / 2 + 1) * kW * cIn;
        if (cropped < rows.size(0)
                && rows.get(interval(cropped, rows.size(0)), all()).sumNumber().doubleValue() != 0) {
            return false;
        }
        for (boolean c : computedTaps(kH, kW, cIn, rows)) {
            if (c) {
                return true;
            }
        }
        return false;
    }

    /** Tap {@code r * kW + c} of the rows up to the centre is computed when its mask block has a 1 (every tap without a mask). */
    private static boolean[] computedTaps(int kH, int kW, int cIn, INDArray maskRows) {
        boolean[] c = new boolean[(kH / 2 + 1) * kW];
        for (int t = 0; t < c.length; t++) {
            c[t] = maskRows == null
                    || maskRows.get(interval((long) t * cIn, (long) (t + 1) * cIn), all())
                                    .sumNumber()
                                    .doubleValue()
                            != 0;
        }
        return c;
    }

    /** Columns of the expanded input a forward pass returns. */
    long expandedWidth(INDArray input) {
        prepare(input, input.dataType());
        return slices.get(0).conv.width();
    }

    /** A forward pass's arrays backprop reads: the expanded input and the pre-activation, frame arrays. */
    record Pass(INDArray expanded, INDArray preActivation) {
        boolean wasClosed() {
            return expanded.wasClosed() || preActivation.wasClosed();
        }
    }

    /**
     * {@code out [N, cOut, H, W]} = {@code z = conv(input, W * mask) + b}, or {@code max(z, 0)}
     * when {@code relu}; returns the arrays {@link #backward} reads, of {@code keep}'s type.
     */
    Pass forward(
            INDArray input, INDArray w, INDArray b, INDArray out, boolean relu, LayerWorkspaceMgr mgr, ArrayType keep) {
        DataType type = input.dataType();
        int parts = prepare(input, type);
        INDArray x = mgr.createUninitialized(
                keep, type, frameShape(input, slices.get(0).conv.width()), 'c');
        INDArray z = mgr.createUninitialized(keep, type, frameShape(input, cOut), 'c');
        INDArray k = kernel(w, b);
        double[] bias = biasValues;
        INDArray in = LineBuffers.whole(input);
        BatchParts.run(input.size(0), parts, (p, from, to) -> {
            Slice s = slices.get(p);
            s.conv.expand(in, 0, up, side, x, from, to);
            s.planes.fill(z, bias, from, to);
            s.conv.forward(x, k, z, from, to);
            s.planes.unpack(z, out, relu, from, to);
        });
        return new Pass(x, z);
    }

    /**
     * Given {@code eps}, the error of {@link #forward}'s {@code out} (with {@code relu}, times ReLU's
     * derivative here), and that pass's arrays: {@code dIn} (the input's error) is overwritten,
     * {@code gradW} ({@code [kH, kW, cIn, cOut]}) gets the masked kernel's gradient with 0 on every
     * tap not computed, {@code gradB} the bias's.
     */
    void backward(
            INDArray input,
            Pass pass,
            INDArray w,
            INDArray eps,
            boolean relu,
            INDArray dIn,
            INDArray gradW,
            INDArray gradB,
            LayerWorkspaceMgr mgr) {
        DataType type = input.dataType();
        int parts = prepare(input, type);
        INDArray k = kernel(w, null);
        Slice first = slices.get(0);
        INDArray dz = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, type, frameShape(input, cOut), 'c');
        INDArray dx = mgr.create(ArrayType.BP_WORKING_MEM, type, frameShape(input, first.conv.errorWidth()), 'c');
        INDArray e = LineBuffers.whole(eps);
        INDArray pre = relu ? pass.preActivation() : null;
        for (int p = 0; p < parts; p++) {
            scratch(slices.get(p), type);
        }
        BatchParts.run(input.size(0), parts, (p, from, to) -> {
            Slice s = slices.get(p);
            s.planes.pack(e, 0, dz, pre, from, to);
            s.conv.backward(pass.expanded(), k, dz, dx, s.dW, from, to);
            Nd4j.gemm(ones(from, to), rows(dz, from, to), s.dB, true, false, 1.0, 0.0);
            s.conv.fold(dx, up, side, dIn, 0, false, null, 0, from, to);
        });
        INDArray sumW = first.dW;
        INDArray sumB = first.dB;
        for (int p = 1; p < parts; p++) {
            sumW.addi(slices.get(p).dW);
            sumB.addi(slices.get(p).dB);
        }
        // the masked kernel matrix's gradient back in place, 0 for every tap not computed
        int block = cIn * cOut;
        LineBuffers.read(sumW, 0, kernelValues, kernelValues.length);
        java.util.Arrays.fill(wholeValues, 0.0);
        for (int i = 0; i < taps.length; i++) {
            for (int j = i * block, q = taps[i] * block; j < (i + 1) * block; j++, q++) {
                wholeValues[q] = tapMask == null ? kernelValues[j] : kernelValues[j] * tapMask[j];
            }
        }
        LineBuffers.write(wholeValues, wholeValues.length, whole, 0);
        gradW.assign(whole.reshape('c', gradW.shape()));
        gradB.assign(sumB.reshape(gradB.shape()));
    }

    /** For tests: split every batch into {@code parts} slices whatever the machine's thread count. */
    void sliceInto(int parts) {
        forcedParts = parts;
    }

    /** The frame, slices and column of ones for this input; returns how many slices its batch runs as. */
    private int prepare(INDArray input, DataType type) {
        int h = Math.toIntExact(input.size(2));
        int w = Math.toIntExact(input.size(3));
        if (frame == null || frame.height() != h || frame.width() != w) {
            frame = new Frame(h, w, up, side, side);
            slices.clear();
        }
        long n = input.size(0);
        int parts = forcedParts > 0 ? (int) Math.min(forcedParts, n) : BatchParts.count(n);
        while (slices.size() < parts) {
            slices.add(new Slice(frame, up + 1, kW, cIn, computed));
        }
        long rows = frame.rows(n);
        if (ones == null || ones.dataType() != type || ones.size(0) < rows) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                ones = Nd4j.ones(type, rows, 1);
            }
        }
        return parts;
    }

    /**
     * The kernel matrix: the computed taps' blocks of {@code w}, times the mask's, gathered in Java
     * (one op and two bulk copies instead of an op per tap); also reads {@code b} into
     * {@link #biasValues} when given. {@code w} is read through a whole copy: views taken of DL4J's
     * parameter views themselves came back without a data buffer in a double-precision network.
     */
    private INDArray kernel(INDArray w, INDArray b) {
        if (kernel == null || kernel.dataType() != w.dataType()) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                DataType type = w.dataType();
                kernel = Nd4j.createUninitialized(type, (long) taps.length * cIn, cOut);
                whole = Nd4j.createUninitialized(type, (long) kH * kW * cIn, cOut);
                wholeValues = new double[kH * kW * cIn * cOut];
                kernelValues = new double[taps.length * cIn * cOut];
            }
        }
        whole.assign(w.reshape('c', whole.shape()));
        LineBuffers.read(whole, 0, wholeValues, wholeValues.length);
        int block = cIn * cOut;
        for (int i = 0; i < taps.length; i++) {
            for (int j = i * block, q = taps[i] * block; j < (i + 1) * block; j++, q++) {
                kernelValues[j] = tapMask == null ? wholeValues[q] : wholeValues[q] * tapMask[j];
            }
        }
        LineBuffers.write(kernelValues, kernelValues.length, kernel, 0);
        if (b != null) {
            biasValues = b.castTo(DataType.DOUBLE).dup().data().asDouble();
        }
        return kernel;
    }

    private void scratch(Slice s, DataType type) {
        if (s.dW == null || s.dW.dataType() != type) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                s.dW = Nd4j.createUninitialized(type, (long) taps.length * cIn, cOut);
                s.dB = Nd4j.createUninitialized(type, 1, cOut);
            }
        }
    }

    private long[] frameShape(INDArray input, long channels) {
        return new long[] {frame.rows(input.size(0)), channels};
    }

    private INDArray rows(INDArray x, long from, long to) {
        return x.get(interval(frame.rows(from), frame.rows(to)), all());
    }

    private INDArray ones(long from, long to) {
        return ones.get(interval(0, frame.rows(to - from)), all());
    }
}
