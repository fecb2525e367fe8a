package org.pixelscope.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise steps of {@link GatedPixelCnnRuntime} that mix channel blocks of
 * {@code [N, C, H, W]} arrays (the two halves of a gate pre-activation, the two stacks of
 * {@code [V; H]}), each one Java pass over {@link LineBuffers} copies of one {@code H x W} plane at a
 * time, computed in double.
 *
 * <p>Why: a channel block of a c-ordered {@code [N, C, H, W]} array is a strided view, and libnd4j's
 * pairwise ops (multiply, add) take a slow general path on such views: measured on 64 x 32 x 28 x 28
 * floats, a multiply into a channel block took ~24 ms, the same multiply on whole arrays ~0.7 ms,
 * and the gate gradient as a chain of ops with temporaries ~90 ms; here it is one pass. Copies
 * into views ({@code assign}) and the tanh / sigmoid transforms stay on libnd4j: they are fast.
 *
 * <p>All arrays are whole c-ordered float or double arrays of one batch and plane size; {@code f}
 * is the channels of one block. Each call covers the images {@code [from, to)} of the batch, so
 * slices of a batch can run side by side ({@link BatchParts}), each with its own instance.
 *
 * <p>Thread: not thread-safe; owned by one layer.
 */
final class GatePlanes {

    private final LineBuffers lines = new LineBuffers();

    /**
     * {@code out = [t * s; h (+ residual[:, f:2f])]}, {@code out [N, 2f, H, W]}: the vertical gate
     * and the horizontal stack's output side by side; {@code residual} (the layer input
     * {@code [N, 2f (+ label channels), H, W]}) may be null.
     */
    void stacks(INDArray out, INDArray t, INDArray s, INDArray h, INDArray residual, long f, long from, long to) {
        int plane = plane(out);
        long rc = residual == null ? 0 : residual.size(1);
        double[] a = lines.get(0, plane);
        double[] b = lines.get(1, plane);
        for (long i = from; i < to; i++) {
            for (long c = 0; c < f; c++) {
                long p = (i * f + c) * plane;
                LineBuffers.read(t, p, a, plane);
                LineBuffers.read(s, p, b, plane);
                for (int k = 0; k < plane; k++) {
                    a[k] *= b[k];
                }
                LineBuffers.write(a, plane, out, (i * 2 * f + c) * plane);
                LineBuffers.read(h, p, a, plane);
                if (residual != null) {
                    LineBuffers.read(residual, (i * rc + f + c) * plane, b, plane);
                    for (int k = 0; k < plane; k++) {
                        a[k] += b[k];
                    }
                }
                LineBuffers.write(a, plane, out, (i * 2 * f + f + c) * plane);
            }
        }
    }

    /**
     * {@code dst[:, from:from+f] += src[:, srcFrom:srcFrom+f]}, for {@code dst} of {@code dstChannels}
     * channels and {@code src} of {@code srcChannels}, images {@code [from, to)}.
     */
    void addBlock(
            INDArray dst,
            long dstFrom,
            long dstChannels,
            INDArray src,
            long srcFrom,
            long srcChannels,
            long f,
            long from,
            long to) {
        int plane = plane(dst);
        double[] a = lines.get(0, plane);
        double[] b = lines.get(1, plane);
        for (long i = from; i < to; i++) {
            for (long c = 0; c < f; c++) {
                long p = (i * dstChannels + dstFrom + c) * plane;
                LineBuffers.read(dst, p, a, plane);
                LineBuffers.read(src, (i * srcChannels + srcFrom + c) * plane, b, plane);
                for (int k = 0; k < plane; k++) {
                    a[k] += b[k];
                }
                LineBuffers.write(a, plane, dst, p);
            }
        }
    }

    /**
     * The gradient of {@code g = tanh(z[:f]) * sigmoid(z[f:])} given {@code dg}, into
     * {@code dz [N, 2f, H, W]}: {@code dg * s * (1 - t^2)} in the first half,
     * {@code dg * t * s * (1 - s)} in the second, with {@code t [N, f, H, W]} and {@code s} the
     * forward pass's tanh and sigmoid. {@code dg} is channels {@code [dgFrom, dgFrom + f)} of an
     * array of {@code dgChannels}; {@code add}: add to {@code dz} instead of overwriting it. Images
     * {@code [from, to)}.
     */
    void gateGradient(
            INDArray dz,
            INDArray dg,
            long dgFrom,
            long dgChannels,
            INDArray t,
            INDArray s,
            long f,
            boolean add,
            long from,
            long to) {
        int plane = plane(dz);
        double[] d = lines.get(0, plane);
        double[] tv = lines.get(1, plane);
        double[] sv = lines.get(2, plane);
        double[] da = lines.get(3, plane);
        double[] db = lines.get(4, plane);
        for (long i = from; i < to; i++) {
            for (long c = 0; c < f; c++) {
                long p = (i * f + c) * plane;
                long first = (i * 2 * f + c) * plane;
                long second = first + f * plane;
                LineBuffers.read(dg, (i * dgChannels + dgFrom + c) * plane, d, plane);
                LineBuffers.read(t, p, tv, plane);
                LineBuffers.read(s, p, sv, plane);
                if (add) {
                    LineBuffers.read(dz, first, da, plane);
                    LineBuffers.read(dz, second, db, plane);
                } else {
                    java.util.Arrays.fill(da, 0, plane, 0.0);
                    java.util.Arrays.fill(db, 0, plane, 0.0);
                }
                for (int k = 0; k < plane; k++) {
                    double ds = d[k] * sv[k];
                    da[k] += ds * (1 - tv[k] * tv[k]);
                    db[k] += ds * tv[k] * (1 - sv[k]);
                }
                LineBuffers.write(da, plane, dz, first);
                LineBuffers.write(db, plane, dz, second);
            }
        }
    }

    private static int plane(INDArray a) {
        return Math.toIntExact(a.size(2) * a.size(3));
    }
}
