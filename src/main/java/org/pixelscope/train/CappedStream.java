package org.pixelscope.train;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A zip entry's inflated bytes with a ceiling. The ceiling comes from what the entry can
 * legitimately hold (for weights: the network's own parameter count), so a zip bomb (a few
 * kilobytes that inflate to gigabytes, whatever sizes its headers claim) stops with a
 * {@link CheckpointException} after at most that many bytes, long before memory runs out.
 *
 * <p>Thread: one reader.
 */
final class CappedStream extends FilterInputStream {

    private final long max;
    private final String what;
    private long count;

    /**
     * @param what names the file and the entry in messages, e.g. {@code run.zip: parameters.bin}
     */
    CappedStream(InputStream in, long max, String what) {
        super(in);
        this.max = max;
        this.what = what;
    }

    /** All bytes of {@code in}, refusing more than {@code max}. */
    static byte[] readAll(InputStream in, long max, String what) throws IOException {
        return new CappedStream(in, max, what).readAllBytes();
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        // ask for one byte more than allowed at most, so an oversized entry is seen, not cut
        int n = super.read(b, off, (int) Math.min(len, max - count + 1));
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return super.skip(Math.min(n, max - count + 1));
    }

    private void counted(int n) throws CheckpointException {
        count += n;
        if (count > max) {
            throw new CheckpointException(what + " inflates to more than the " + max + " bytes it can hold for this "
                    + "model: the file is damaged or hostile (a zip bomb?) and was not loaded");
        }
    }

    /**
     * Reads exactly {@code values} floats in {@code order}; the caller has checked {@code values}
     * against the model. {@code of} names them in messages ({@code parameter conv0_A_W}).
     */
    float[] readFloats(int values, ByteOrder order, String of) throws IOException {
        float[] out = new float[values];
        byte[] chunk = new byte[1 << 16];
        int done = 0;
        while (done < values) {
            int bytes = (int) Math.min(chunk.length, (long) (values - done) * Float.BYTES);
            try {
                readNBytesFully(chunk, bytes);
            } catch (EOFException e) {
                throw new CheckpointException(what + " ends inside " + of + ": the file is truncated", e);
            }
            ByteBuffer.wrap(chunk, 0, bytes).order(order).asFloatBuffer().get(out, done, bytes / Float.BYTES);
            done += bytes / Float.BYTES;
        }
        return out;
    }

    /** Fails unless the stream is at its end. */
    void expectEnd() throws IOException {
        if (in.read() >= 0) { // past the cap by design: one byte too many is "too long", not a bomb
            throw new CheckpointException(
                    what + " is longer than this model's parameters: the file does not match " + "its spec.json");
        }
    }

    private void readNBytesFully(byte[] buffer, int bytes) throws IOException {
        if (readNBytes(buffer, 0, bytes) < bytes) {
            throw new EOFException();
        }
    }
}
