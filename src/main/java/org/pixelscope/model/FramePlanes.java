package org.pixelscope.model;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Java passes of {@link GatedPixelCnnRuntime} and {@link MaskedConv2DRuntime} between the layer's {@code [N, C, H, W]} arrays
 * (what DL4J hands it and takes back) and its {@link Frame} arrays ({@code [rows, C]}, channels
 * last), and the gate gradient on frame rows. Each pass reads and writes whole blocks through
 * {@link LineBuffers} (computed in float for float arrays, with bulk copies, else in double) and covers images {@code [from, to)}, so slices of a
 * batch run side by side, each with its own instance.
 *
 * <p>Why Java: these steps move channel blocks between layouts or mix two halves of a row, and
 * libnd4j takes a slow general path on such strided views (a multiply into a channel block of a
 * {@code [64, 32, 28, 28]} array took ~24 ms against ~0.7 ms on whole arrays); here each is one pass.
 *
 * <p>All arrays are whole c-ordered float or double arrays. Thread: not thread-safe; one slice's.
 */
final class FramePlanes {

    private final Frame frame;
    private final int plane;
    private final LineBuffers lines = new LineBuffers();

    FramePlanes(Frame frame) {
        this.frame = frame;
        plane = frame.height() * frame.width();
    }

    /**
     * The frame rows of images {@code [from, to)} of {@code dst} (an output-side frame array, the
     * image at (0, 0)): position (y, x) = {@code src[i, srcFrom + c, y, x]} for its {@code dst.size(1)}
     * channels, zero on the frame's border.
     */
    void pack(INDArray src, long srcFrom, INDArray dst, long from, long to) {
        pack(src, srcFrom, dst, null, from, to);
    }

    /**
     * {@link #pack(INDArray, long, INDArray, long, long)}, each value times ReLU's derivative at
     * the same row and channel of {@code pre} (a frame array like {@code dst}: 1 where it is above 0,
     * else 0) when {@code pre} is not null.
     */
    void pack(INDArray src, long srcFrom, INDArray dst, INDArray pre, long from, long to) {
        int c = Math.toIntExact(dst.size(1));
        int w = frame.width();
        int span = Math.toIntExact(frame.perImage() * c);
        if (allFloat(src, dst)) {
            float[] a = lines.floats(0, c * plane);
            float[] framed = lines.floats(1, span);
            // the border stays zero: each image overwrites the same picture positions
            Arrays.fill(framed, 0, span, 0f);
            for (long i = from; i < to; i++) {
                LineBuffers.read(src, (i * src.size(1) + srcFrom) * plane, a, c * plane);
                ChannelsLast.toFrame(a, 0, frame.height(), w, c, framed, 0, 0, 0, frame.frameWidth());
                if (pre != null) {
                    float[] z = lines.floats(2, span);
                    LineBuffers.read(pre, frame.rows(i) * c, z, span);
                    for (int k = 0; k < span; k++) {
                        framed[k] = z[k] > 0f ? framed[k] : 0f;
                    }
                }
                LineBuffers.write(framed, span, dst, frame.rows(i) * c);
            }
            return;
        }
        double[] a = lines.get(0, c * plane);
        double[] framed = lines.get(1, span);
        Arrays.fill(framed, 0, span, 0.0);
        for (long i = from; i < to; i++) {
            LineBuffers.read(src, (i * src.size(1) + srcFrom) * plane, a, c * plane);
            for (int y = 0; y < frame.height(); y++) {
                for (int x = 0; x < w; x++) {
                    for (int k = 0; k < c; k++) {
                        framed[(y * frame.frameWidth() + x) * c + k] = a[k * plane + y * w + x];
                    }
                }
            }
            if (pre != null) {
                double[] z = lines.get(2, span);
                LineBuffers.read(pre, frame.rows(i) * c, z, span);
                for (int k = 0; k < span; k++) {
                    framed[k] = z[k] > 0 ? framed[k] : 0.0;
                }
            }
            LineBuffers.write(framed, span, dst, frame.rows(i) * c);
        }
    }

    /**
     * Images {@code [from, to)} of {@code dst [N, C, H, W]} = the picture positions of the
     * output-side frame array {@code src [rows, C]} (the image at (0, 0)): the transpose of
     * {@link #pack} on the picture.
     */
    void unpack(INDArray src, INDArray dst, long from, long to) {
        unpack(src, dst, false, from, to);
    }

    /** {@link #unpack(INDArray, INDArray, long, long)}, with {@code max(v, 0)} of each value when {@code relu}. */
    void unpack(INDArray src, INDArray dst, boolean relu, long from, long to) {
        int c = Math.toIntExact(src.size(1));
        int w = frame.width();
        int span = Math.toIntExact(frame.perImage() * c);
        if (allFloat(src, dst)) {
            float[] framed = lines.floats(0, span);
            float[] a = lines.floats(1, c * plane);
            for (long i = from; i < to; i++) {
                LineBuffers.read(src, frame.rows(i) * c, framed, span);
                if (relu) {
                    for (int k = 0; k < span; k++) {
                        framed[k] = Math.max(framed[k], 0f);
                    }
                }
                ChannelsLast.toPlanes(framed, 0, 0, 0, frame.frameWidth(), c, a, 0, frame.height(), w, false);
                LineBuffers.write(a, c * plane, dst, i * c * plane);
            }
            return;
        }
        double[] framed = lines.get(0, span);
        double[] a = lines.get(1, c * plane);
        for (long i = from; i < to; i++) {
            LineBuffers.read(src, frame.rows(i) * c, framed, span);
            for (int y = 0; y < frame.height(); y++) {
                for (int x = 0; x < w; x++) {
                    for (int k = 0; k < c; k++) {
                        double v = framed[(y * frame.frameWidth() + x) * c + k];
                        a[k * plane + y * w + x] = relu ? Math.max(v, 0.0) : v;
                    }
                }
            }
            LineBuffers.write(a, c * plane, dst, i * c * plane);
        }
    }

    /**
     * The layer's output {@code out [N, 2f, H, W]}: channels {@code [0, f)} the vertical gate
     * {@code t * s}, channels {@code [f, 2f)} the horizontal stack {@code h} plus {@code residual}'s
     * channels {@code [f, 2f)} (the layer input; null: none). The last layer ({@code t} null) writes
     * only the horizontal stack, {@code out [N, f, H, W]}. Frame arrays {@code [rows, f]}.
     */
    void stacks(INDArray out, INDArray t, INDArray s, INDArray h, INDArray residual, long from, long to) {
        int f = Math.toIntExact(h.size(1));
        int blocks = t == null ? 1 : 2;
        int span = frame.height() * frame.frameWidth() * f;
        if (allFloat(out, t, s, h, residual)) {
            stacksFloat(out, t, s, h, residual, f, blocks, span, from, to);
            return;
        }
        double[] o = lines.get(0, blocks * f * plane);
        double[] tv = lines.get(1, span);
        double[] sv = lines.get(2, span);
        double[] hv = lines.get(3, span);
        for (long i = from; i < to; i++) {
            long at = frame.row(i, 0, 0) * f;
            int hFrom = (blocks - 1) * f * plane;
            LineBuffers.read(h, at, hv, span);
            if (residual != null) {
                LineBuffers.read(residual, (i * residual.size(1) + f) * plane, o, hFrom, f * plane);
            } else {
                Arrays.fill(o, hFrom, hFrom + f * plane, 0.0);
            }
            if (t != null) {
                LineBuffers.read(t, at, tv, span);
                LineBuffers.read(s, at, sv, span);
            }
            for (int y = 0; y < frame.height(); y++) {
                for (int x = 0; x < frame.width(); x++) {
                    int p = (y * frame.frameWidth() + x) * f;
                    int q = y * frame.width() + x;
                    for (int k = 0; k < f; k++) {
                        o[hFrom + k * plane + q] += hv[p + k];
                    }
                    if (t != null) {
                        for (int k = 0; k < f; k++) {
                            o[k * plane + q] = tv[p + k] * sv[p + k];
                        }
                    }
                }
            }
            LineBuffers.write(o, blocks * f * plane, out, i * out.size(1) * plane);
        }
    }

    /** {@link #stacks} on float arrays. */
    private void stacksFloat(
            INDArray out,
            INDArray t,
            INDArray s,
            INDArray h,
            INDArray residual,
            int f,
            int blocks,
            int span,
            long from,
            long to) {
        float[] o = lines.floats(0, blocks * f * plane);
        float[] tv = lines.floats(1, span);
        float[] sv = lines.floats(2, span);
        float[] hv = lines.floats(3, span);
        float[] rv = lines.floats(4, f * plane);
        int hFrom = (blocks - 1) * f * plane;
        for (long i = from; i < to; i++) {
            long at = frame.row(i, 0, 0) * f;
            LineBuffers.read(h, at, hv, span);
            if (residual != null) {
                LineBuffers.read(residual, (i * residual.size(1) + f) * plane, rv, f * plane);
            } else {
                Arrays.fill(rv, 0, f * plane, 0f);
            }
            if (t != null) {
                LineBuffers.read(t, at, tv, span);
                LineBuffers.read(s, at, sv, span);
            }
            System.arraycopy(rv, 0, o, hFrom, f * plane);
            ChannelsLast.toPlanes(hv, 0, 0, 0, frame.frameWidth(), f, o, hFrom, frame.height(), frame.width(), true);
            if (t != null) {
                for (int k = 0; k < span; k++) {
                    tv[k] *= sv[k];
                }
                ChannelsLast.toPlanes(tv, 0, 0, 0, frame.frameWidth(), f, o, 0, frame.height(), frame.width(), false);
            }
            LineBuffers.write(o, blocks * f * plane, out, i * out.size(1) * plane);
        }
    }

    /** Every frame row of images {@code [from, to)} of {@code z [rows, c]} = {@code values} (c of them). */
    void fill(INDArray z, double[] values, long from, long to) {
        int c = values.length;
        int span = Math.toIntExact(frame.perImage() * c);
        if (z.dataType() == DataType.FLOAT) {
            float[] block = lines.floats(0, span);
            for (int r = 0; r < span; r += c) {
                for (int k = 0; k < c; k++) {
                    block[r + k] = (float) values[k];
                }
            }
            for (long i = from; i < to; i++) {
                LineBuffers.write(block, span, z, frame.rows(i) * c);
            }
            return;
        }
        double[] block = lines.get(0, span);
        for (int r = 0; r < span; r += c) {
            System.arraycopy(values, 0, block, r, c);
        }
        for (long i = from; i < to; i++) {
            LineBuffers.write(block, span, z, frame.rows(i) * c);
        }
    }

    /** Every frame row of image {@code i} of {@code z [rows, c]} = row {@code i} of {@code perImage [N, c]}, images {@code [from, to)}. */
    void fillRows(INDArray z, INDArray perImage, long from, long to) {
        int c = Math.toIntExact(z.size(1));
        int span = Math.toIntExact(frame.perImage() * c);
        double[] row = lines.get(0, c);
        double[] block = lines.get(1, span);
        for (long i = from; i < to; i++) {
            LineBuffers.read(perImage, i * c, row, c);
            for (int r = 0; r < span; r += c) {
                System.arraycopy(row, 0, block, r, c);
            }
            LineBuffers.write(block, span, z, frame.rows(i) * c);
        }
    }

    /**
     * The gates' two halves: {@code t = tanh(z[:, :f])}, {@code s = sigmoid(z[:, f:])} for each row of
     * {@code z [rows, 2f]}, rows of images {@code [from, to)}; floats through {@link GateMath},
     * doubles exactly.
     */
    void gates(INDArray z, INDArray t, INDArray s, long from, long to) {
        int f = Math.toIntExact(t.size(1));
        int span = Math.toIntExact(frame.perImage() * f);
        if (allFloat(z, t, s)) {
            float[] zv = lines.floats(0, 2 * span);
            float[] tv = lines.floats(1, span);
            float[] sv = lines.floats(2, span);
            for (long i = from; i < to; i++) {
                long at = frame.row(i, 0, 0) * f;
                LineBuffers.read(z, 2 * at, zv, 2 * span);
                for (int r = 0, p = 0; p < span; r += 2 * f, p += f) {
                    System.arraycopy(zv, r, tv, p, f);
                    System.arraycopy(zv, r + f, sv, p, f);
                }
                // flat loops over whole arrays, which the JIT vectorises
                for (int k = 0; k < span; k++) {
                    tv[k] = GateMath.tanh(tv[k]);
                }
                for (int k = 0; k < span; k++) {
                    sv[k] = GateMath.sigmoid(sv[k]);
                }
                LineBuffers.write(tv, span, t, at);
                LineBuffers.write(sv, span, s, at);
            }
            return;
        }
        double[] zv = lines.get(0, 2 * span);
        double[] tv = lines.get(1, span);
        double[] sv = lines.get(2, span);
        for (long i = from; i < to; i++) {
            long at = frame.row(i, 0, 0) * f;
            LineBuffers.read(z, 2 * at, zv, 2 * span);
            for (int r = 0, p = 0; p < span; r += 2 * f, p += f) {
                for (int k = 0; k < f; k++) {
                    tv[p + k] = Math.tanh(zv[r + k]);
                    sv[p + k] = 1 / (1 + Math.exp(-zv[r + f + k]));
                }
            }
            LineBuffers.write(tv, span, t, at);
            LineBuffers.write(sv, span, s, at);
        }
    }

    /**
     * The gradient of {@code g = tanh(z[:f]) * sigmoid(z[f:])} given {@code dg}, into frame rows of
     * {@code dz [rows, 2f]}: {@code dg * s * (1 - t^2)} in the first half, {@code dg * t * s * (1 - s)}
     * in the second, with {@code t} and {@code s} {@code [rows, f]} the forward pass's tanh and
     * sigmoid; {@code add}: add to {@code dz} instead of overwriting it. All rows of images
     * {@code [from, to)}.
     */
    void gateGradient(INDArray dz, INDArray dg, INDArray t, INDArray s, boolean add, long from, long to) {
        int f = Math.toIntExact(dg.size(1));
        int span = Math.toIntExact(frame.perImage() * f);
        if (allFloat(dz, dg, t, s)) {
            gateGradientFloat(dz, dg, t, s, add, f, span, from, to);
            return;
        }
        double[] d = lines.get(0, span);
        double[] tv = lines.get(1, span);
        double[] sv = lines.get(2, span);
        double[] z = lines.get(3, 2 * span);
        for (long i = from; i < to; i++) {
            long at = frame.row(i, 0, 0) * f;
            LineBuffers.read(dg, at, d, span);
            LineBuffers.read(t, at, tv, span);
            LineBuffers.read(s, at, sv, span);
            if (add) {
                LineBuffers.read(dz, 2 * at, z, 2 * span);
            } else {
                Arrays.fill(z, 0, 2 * span, 0.0);
            }
            for (int r = 0, p = 0; p < span; r += 2 * f, p += f) {
                for (int k = 0; k < f; k++) {
                    double ds = d[p + k] * sv[p + k];
                    z[r + k] += ds * (1 - tv[p + k] * tv[p + k]);
                    z[r + f + k] += ds * tv[p + k] * (1 - sv[p + k]);
                }
            }
            LineBuffers.write(z, 2 * span, dz, 2 * at);
        }
    }

    /** {@link #gateGradient} on float arrays: flat loops over de-interleaved halves, which the JIT vectorises. */
    private void gateGradientFloat(
            INDArray dz, INDArray dg, INDArray t, INDArray s, boolean add, int f, int span, long from, long to) {
        float[] d = lines.floats(0, span);
        float[] tv = lines.floats(1, span);
        float[] sv = lines.floats(2, span);
        float[] z = lines.floats(3, 2 * span);
        float[] da = lines.floats(4, span);
        float[] db = lines.floats(5, span);
        for (long i = from; i < to; i++) {
            long at = frame.row(i, 0, 0) * f;
            LineBuffers.read(dg, at, d, span);
            LineBuffers.read(t, at, tv, span);
            LineBuffers.read(s, at, sv, span);
            if (add) {
                LineBuffers.read(dz, 2 * at, z, 2 * span);
                for (int r = 0, p = 0; p < span; r += 2 * f, p += f) {
                    System.arraycopy(z, r, da, p, f);
                    System.arraycopy(z, r + f, db, p, f);
                }
            } else {
                Arrays.fill(da, 0, span, 0f);
                Arrays.fill(db, 0, span, 0f);
            }
            for (int k = 0; k < span; k++) {
                float ds = d[k] * sv[k];
                da[k] += ds * (1 - tv[k] * tv[k]);
                db[k] += ds * tv[k] * (1 - sv[k]);
            }
            for (int r = 0, p = 0; p < span; r += 2 * f, p += f) {
                System.arraycopy(da, p, z, r, f);
                System.arraycopy(db, p, z, r + f, f);
            }
            LineBuffers.write(z, 2 * span, dz, 2 * at);
        }
    }

    /** Whether every array holds floats: then a pass runs on float working arrays, with bulk copies. */
    private static boolean allFloat(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.dataType() != DataType.FLOAT) {
                return false;
            }
        }
        return true;
    }
}
