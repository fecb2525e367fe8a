package org.pixelscope.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads the {@code model.zip} of a version-1 checkpoint (DL4J's {@code ModelSerializer} output)
 * into a network already built from spec.json, without DL4J's loader: that loader deserialises
 * {@code preprocessor.bin} with {@code ObjectInputStream} and sizes arrays from the file's headers.
 *
 * <p>Of the entries, only numbers are taken: {@code coefficients.bin} (the parameter vector),
 * {@code updaterState.bin} (Adam's state, optional) and the step counts of
 * {@code configuration.json}, read as a plain JSON tree (the class names in it are never
 * looked at). A {@code preprocessor.bin} makes the whole file refused, unread: DL4J's loader
 * reads it as a Java-serialised {@code DataSetPreProcessor}, which PixelScope never attached to a
 * network, so a checkpoint that holds one was not written by PixelScope; skipping it instead would
 * load a file someone tampered with. Any other entry is refused too.
 *
 * <p>Both {@code .bin} entries are ND4J's array format, big-endian: the shape information
 * buffer then the data buffer, each as {@code UTF allocationMode, long length, UTF dataType,
 * values}. The lengths are checked against the network before anything is allocated.
 *
 * <p>Thread: the caller's.
 */
final class LegacyModelZip {

    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    static final String UPDATER_STATE = "updaterState.bin";
    static final String PREPROCESSOR = "preprocessor.bin";

    /** Room for the two buffer headers of an ND4J array file (a few short strings and at most 12 longs). */
    private static final int ND4J_HEADER_MAX = 512;
    /** configuration.json of the largest PixelScope network is ~100 KB; this leaves a wide margin. */
    private static final int CONFIGURATION_MAX = 8 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private LegacyModelZip() {}

    /**
     * Fills {@code net}'s parameters, optimizer state and step counts from {@code modelZip}.
     *
     * @param file the checkpoint's name, for messages
     */
    static void read(InputStream modelZip, ComputationGraph net, String file) throws IOException {
        long params = net.numParams();
        INDArray state = net.getUpdater().getStateViewArray();
        long stateLength = state == null ? 0 : state.length();
        long cap = CONFIGURATION_MAX + 2L * ND4J_HEADER_MAX + Float.BYTES * (params + stateLength) + 64 * 1024;
        ZipInputStream zip = new ZipInputStream(new CappedStream(modelZip, 2 * cap, file + ": model.zip"));
        Set<String> seen = new HashSet<>();
        boolean coefficients = false;
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            String entry = e.getName();
            String what = file + ": model.zip/" + entry;
            if (!seen.add(entry)) {
                throw new CheckpointException(
                        what + " appears twice: the file is damaged or hostile and was not loaded");
            }
            switch (entry) {
                case CONFIGURATION -> readStepCounts(CappedStream.readAll(zip, CONFIGURATION_MAX, what), net, what);
                case COEFFICIENTS -> {
                    float[] values = readVector(zip, params, what);
                    int offset = 0;
                    for (var p : net.paramTable().entrySet()) {
                        int n = (int) p.getValue().length();
                        ParameterFiles.requireFinite(values, offset, offset + n, what + ": parameter " + p.getKey());
                        offset += n;
                    }
                    net.setParams(Nd4j.create(values, new long[] {1, params}, 'c'));
                    coefficients = true;
                }
                case UPDATER_STATE -> {
                    if (state == null) {
                        throw new CheckpointException(what + ": this network's optimizer keeps no state");
                    }
                    float[] values = readVector(zip, stateLength, what);
                    ParameterFiles.requireFinite(values, 0, values.length, what);
                    state.assign(Nd4j.create(values, state.shape(), 'c'));
                }
                case PREPROCESSOR ->
                    throw new CheckpointException(what + ": the network zip holds a Java-serialised "
                            + "object, which PixelScope never writes and never reads (reading it could run code hidden in "
                            + "the file). The checkpoint was refused without reading it");
                default ->
                    throw new CheckpointException(what + ": unexpected entry in the network zip (a PixelScope "
                            + "checkpoint's holds only " + CONFIGURATION + ", " + COEFFICIENTS + " and " + UPDATER_STATE
                            + "); the checkpoint was not loaded");
            }
        }
        if (!coefficients) {
            throw new CheckpointException(
                    file + ": model.zip holds no " + COEFFICIENTS + ": the network's weights are missing");
        }
    }

    /** The step counts Adam's bias correction needs; nothing else of the configuration is used. */
    private static void readStepCounts(byte[] json, ComputationGraph net, String what) throws CheckpointException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new CheckpointException(what + " is malformed: " + e.getMessage(), e);
        }
        net.getConfiguration().setIterationCount(count(root, "iterationCount", what));
        net.getConfiguration().setEpochCount(count(root, "epochCount", what));
    }

    private static int count(JsonNode root, String field, String what) throws CheckpointException {
        JsonNode n = root == null ? null : root.get(field);
        if (n == null || n.isNull()) {
            return 0;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() < 0) {
            throw new CheckpointException(what + ": " + field + " must be a count, found " + n);
        }
        return n.intValue();
    }

    /** One ND4J array file holding a float vector of exactly {@code expected} values. */
    private static float[] readVector(InputStream entry, long expected, String what) throws IOException {
        CappedStream capped = new CappedStream(entry, ND4J_HEADER_MAX + Float.BYTES * expected, what);
        DataInputStream in = new DataInputStream(capped);
        try {
            long shapeLength = length(in, what);
            String shapeType = in.readUTF();
            if (shapeLength < 6 || shapeLength > 12 || !(shapeType.equals("LONG") || shapeType.equals("INT"))) {
                throw new CheckpointException(what + ": not an ND4J array (shape information of " + shapeLength + " "
                        + shapeType + " values)");
            }
            long[] info = new long[(int) shapeLength];
            for (int i = 0; i < info.length; i++) {
                info[i] = shapeType.equals("LONG") ? in.readLong() : in.readInt();
            }
            long rank = info[0];
            long elements = 1;
            for (int i = 1; i <= rank && i < info.length; i++) {
                elements = info[i] < 0 || info[i] > expected ? -1 : elements * info[i];
            }
            if (rank < 1 || rank > 2 || shapeLength != 2 * rank + 4 || elements != expected) {
                throw new CheckpointException(what + " holds an array of rank " + rank + " and " + elements
                        + " values; the network spec.json describes needs a vector of " + expected);
            }
            long length = length(in, what);
            String type = in.readUTF();
            if (length != expected || !type.equals("FLOAT")) {
                throw new CheckpointException(what + " holds " + length + " " + type + " values; the network spec.json "
                        + "describes needs " + expected + " FLOAT values");
            }
        } catch (java.io.EOFException e) {
            throw new CheckpointException(what + " is truncated", e);
        }
        float[] values = capped.readFloats(Math.toIntExact(expected), ByteOrder.BIG_ENDIAN, "the array's values");
        capped.expectEnd();
        return values;
    }

    /** A buffer's length; ND4J wrote it as a long in the allocation modes of its 1.0 releases. */
    private static long length(DataInputStream in, String what) throws IOException {
        String mode = in.readUTF();
        if (!mode.equals("MIXED_DATA_TYPES") && !mode.equals("LONG_SHAPE")) {
            throw new CheckpointException(what + ": not an ND4J array of a 1.0 release (allocation mode '"
                    + (mode.length() > 40 ? mode.substring(0, 40) + "..." : mode) + "')");
        }
        return in.readLong();
    }
}
