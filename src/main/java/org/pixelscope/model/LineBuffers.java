package org.pixelscope.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Java working arrays for the gate arithmetic of {@link ConvLstmScan}, {@link FramePlanes} and {@link TapConv}, reused from pass to pass, and
 * copies between them and the native buffers of ND4J arrays (float or double, computed in
 * double). The native arrays must be whole c-ordered arrays, not views: positions are offsets into
 * their own buffer.
 *
 * <p>Thread: not thread-safe; owned by one scan.
 */
final class LineBuffers {

    private final double[][] slots = new double[8][];
    private final float[][] floatSlots = new float[8][];

    /** Each thread's float staging array for bulk copies to and from float buffers. */
    private static final Staging FLOATS = new Staging();

    /** A per-thread float array that grows to the longest copy asked of it. */
    private static final class Staging extends ThreadLocal<float[]> {
        float[] get(int size) {
            float[] f = get();
            if (f == null || f.length < size) {
                f = new float[size];
                set(f);
            }
            return f;
        }
    }

    /** Working array {@code slot}, at least {@code size} long; its contents are whatever was left in it. */
    double[] get(int slot, int size) {
        if (slots[slot] == null || slots[slot].length < size) {
            slots[slot] = new double[size];
        }
        return slots[slot];
    }

    /** {@code dst[0 .. len)} = the values of {@code a} from position {@code from}. */
    /** Float working array {@code slot}, at least {@code size} long, for passes over float arrays. */
    float[] floats(int slot, int size) {
        if (floatSlots[slot] == null || floatSlots[slot].length < size) {
            floatSlots[slot] = new float[size];
        }
        return floatSlots[slot];
    }

    /** {@code x} itself when it is a whole c-ordered array, else a c-ordered copy: what the line copies read. */
    static INDArray whole(INDArray x) {
        return x.isView() || x.offset() != 0 || x.ordering() != 'c' ? x.dup('c') : x;
    }

    /** {@code dst[0 .. len)} = the values of the float array {@code a} from position {@code from}. */
    static void read(INDArray a, long from, float[] dst, int len) {
        a.data().asNioFloat().get(start(a, from, len), dst, 0, len);
    }

    /** The values of the float array {@code a} from position {@code from} = {@code src[0 .. len)}. */
    static void write(float[] src, int len, INDArray a, long from) {
        a.data().asNioFloat().put(start(a, from, len), src, 0, len);
    }

    /** {@code dst[dstFrom .. dstFrom + len)} = the values of the float array {@code a} from position {@code from}. */
    static void read(INDArray a, long from, float[] dst, int dstFrom, int len) {
        a.data().asNioFloat().get(start(a, from, len), dst, dstFrom, len);
    }

    /** The values of the float array {@code a} from position {@code from} = {@code src[srcFrom .. srcFrom + len)}. */
    static void write(float[] src, int srcFrom, int len, INDArray a, long from) {
        a.data().asNioFloat().put(start(a, from, len), src, srcFrom, len);
    }

    /** The values of the double array {@code a} from position {@code from} = {@code src[srcFrom .. srcFrom + len)}. */
    static void write(double[] src, int srcFrom, int len, INDArray a, long from) {
        if (a.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("expected a double array, got " + a.dataType());
        }
        a.data().asNioDouble().put(start(a, from, len), src, srcFrom, len);
    }

    static void read(INDArray a, long from, double[] dst, int len) {
        read(a, from, dst, 0, len);
    }

    /** {@code dst[dstFrom .. dstFrom + len)} = the values of {@code a} from position {@code from}. */
    static void read(INDArray a, long from, double[] dst, int dstFrom, int len) {
        int start = start(a, from, len);
        if (a.dataType() == DataType.FLOAT) {
            float[] f = FLOATS.get(len);
            a.data().asNioFloat().get(start, f, 0, len);
            for (int k = 0; k < len; k++) {
                dst[dstFrom + k] = f[k];
            }
        } else {
            a.data().asNioDouble().get(start, dst, dstFrom, len);
        }
    }

    /** The values of {@code a} from position {@code from} = {@code src[0 .. len)}. */
    static void write(double[] src, int len, INDArray a, long from) {
        int start = start(a, from, len);
        if (a.dataType() == DataType.FLOAT) {
            float[] f = FLOATS.get(len);
            for (int k = 0; k < len; k++) {
                f[k] = (float) src[k];
            }
            a.data().asNioFloat().put(start, f, 0, len);
        } else {
            a.data().asNioDouble().put(start, src, 0, len);
        }
    }

    private static int start(INDArray a, long from, int len) {
        if (a.isView() || a.offset() != 0 || a.ordering() != 'c') {
            throw new IllegalArgumentException("line copies need a whole c-ordered array, got a view or another order");
        }
        if (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("line copies read float or double arrays, got " + a.dataType());
        }
        if (from < 0 || from + len > a.length()) {
            throw new IndexOutOfBoundsException("positions " + from + " + " + len + " of an array of " + a.length());
        }
        return Math.toIntExact(from);
    }
}
