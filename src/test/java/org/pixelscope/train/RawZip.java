package org.pixelscope.train;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a zip byte by byte, so a test can make what {@code ZipOutputStream} refuses to: an
 * entry whose deflated data inflates to gigabytes (built in milliseconds, not by deflating
 * gigabytes) and headers that lie about the size.
 */
final class RawZip {

    /**
     * One entry.
     *
     * @param data         the bytes as stored: raw deflate data when {@code deflated}
     * @param declaredSize the uncompressed size the headers claim
     */
    record Entry(String name, byte[] data, boolean deflated, long crc, long declaredSize) {

        static Entry stored(String name, byte[] bytes) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            return new Entry(name, bytes, false, crc.getValue(), bytes.length);
        }

        /** {@code mebibytes} MiB of zero bytes, deflated; the CRC is left 0 (readers stop long before checking it). */
        static Entry zeros(String name, int mebibytes, long declaredSize) {
            return new Entry(name, deflatedZeros(mebibytes), true, 0, declaredSize);
        }
    }

    private RawZip() {}

    static byte[] zip(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (Entry e : entries) {
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            int offset = out.size();
            out.writeBytes(header(0x04034b50, e, name, -1));
            out.writeBytes(e.data());
            central.writeBytes(header(0x02014b50, e, name, offset));
        }
        int centralOffset = out.size();
        out.writeBytes(central.toByteArray());
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) entries.size())
                .putShort((short) entries.size())
                .putInt(central.size())
                .putInt(centralOffset)
                .putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    /** A local header ({@code offset < 0}) or a central directory header. */
    private static byte[] header(int signature, Entry e, byte[] name, int offset) {
        boolean local = offset < 0;
        ByteBuffer b = ByteBuffer.allocate((local ? 30 : 46) + name.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(signature);
        if (!local) {
            b.putShort((short) 20); // version made by
        }
        b.putShort((short) 20)
                .putShort((short) 0)
                .putShort((short) (e.deflated() ? 8 : 0))
                .putShort((short) 0)
                .putShort((short) 0x21) // time, date (1980-01-01)
                .putInt((int) e.crc())
                .putInt(e.data().length)
                .putInt((int) e.declaredSize())
                .putShort((short) name.length)
                .putShort((short) 0);
        if (!local) {
            b.putShort((short) 0)
                    .putShort((short) 0)
                    .putShort((short) 0)
                    .putInt(0)
                    .putInt(offset);
        }
        b.put(name);
        return b.array();
    }

    /**
     * Raw deflate data of {@code mebibytes} MiB of zeros: one MiB deflated with a full flush
     * (which ends on a byte boundary and resets the compressor) is the same bytes every time, so
     * it can be repeated.
     */
    private static byte[] deflatedZeros(int mebibytes) {
        byte[] mib = new byte[1 << 20];
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] first = flush(d, mib, Deflater.FULL_FLUSH);
        byte[] again = flush(d, mib, Deflater.FULL_FLUSH);
        if (!Arrays.equals(first, again)) {
            throw new IllegalStateException("deflate of a flushed block is not repeatable on this JDK");
        }
        d.finish();
        byte[] last = flush(d, new byte[0], Deflater.NO_FLUSH);
        d.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream(first.length * mebibytes + last.length);
        for (int i = 0; i < mebibytes; i++) {
            out.writeBytes(first);
        }
        out.writeBytes(last);
        return out.toByteArray();
    }

    private static byte[] flush(Deflater d, byte[] input, int mode) {
        d.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (true) {
            int n = d.deflate(buf, 0, buf.length, mode);
            out.write(buf, 0, n);
            if (d.finished() || (n < buf.length && d.needsInput())) {
                return out.toByteArray();
            }
        }
    }
}
