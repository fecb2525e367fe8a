package org.pixelscope.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weights of a version-2 checkpoint, written and read without any DL4J serialisation.
 *
 * <pre>
 * parameters.json  {"iterationCount": 2580, "epochCount": 3, "updaterLength": 375810,
 *                   "parameters": [{"name": "conv0_A_W", "shape": [64, 1, 7, 7], "offset": 0}, ...]}
 * parameters.bin   every parameter as little-endian IEEE 754 float32, in row-major order of its
 *                  shape, starting at its offset (counted in values); offsets follow the index
 *                  order with no gaps; no header
 * updater.bin      the optimizer's state, updaterLength little-endian float32 values (absent and
 *                  updaterLength 0 when the checkpoint was saved without it)
 * </pre>
 *
 * <p>Parameters are stored by name (DL4J's {@code paramTable()} key, see
 * {@link org.pixelscope.model.LayerNames}) and shape, so a change in how a layer flattens its
 * parameters into the network's single vector does not break saved files. The updater state is
 * one flat vector, as DL4J holds it: Adam's first then second moments for each block of layers
 * with the same updater configuration, in the network's parameter order. It therefore depends on
 * the layers' flattening order, their order in the graph and the updater (Adam); a file whose
 * length does not match the network is refused. {@code iterationCount} is kept because Adam's
 * bias correction depends on the step count.
 *
 * <p>Thread: the caller's; the network must not train while it is written or read.
 */
final class ParameterFiles {

    /** Values per write or read chunk: 256 KiB of floats. */
    private static final int CHUNK = 1 << 16;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ParameterFiles() {}

    /** parameters.json. */
    record Index(int iterationCount, int epochCount, long updaterLength, List<Parameter> parameters) {}

    /** One parameter: its name, its shape and where its values start in parameters.bin. */
    record Parameter(String name, long[] shape, long offset) {

        long length() {
            return Arrays.stream(shape).reduce(1, Math::multiplyExact);
        }
    }

    /** Upper bound of parameters.json's size for a network of {@code parameters} parameters. */
    static long indexCap(int parameters) {
        return 64 * 1024 + 1024L * parameters;
    }

    static byte[] index(ComputationGraph net, boolean withUpdater) throws JsonProcessingException {
        List<Parameter> list = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, INDArray> p : net.paramTable().entrySet()) {
            list.add(new Parameter(p.getKey(), p.getValue().shape(), offset));
            offset += p.getValue().length();
        }
        INDArray state = withUpdater ? net.getUpdater().getStateViewArray() : null;
        return JSON.writeValueAsBytes(new Index(
                net.getConfiguration().getIterationCount(),
                net.getConfiguration().getEpochCount(),
                state == null ? 0 : state.length(),
                list));
    }

    static void writeParameters(OutputStream out, ComputationGraph net) throws IOException {
        for (INDArray p : net.paramTable().values()) {
            writeFloats(out, p);
        }
    }

    /** Writes the updater state; false when the network has none (a stateless optimizer). */
    static boolean writeUpdater(OutputStream out, ComputationGraph net) throws IOException {
        INDArray state = net.getUpdater().getStateViewArray();
        if (state == null) {
            return false;
        }
        writeFloats(out, state);
        return true;
    }

    static Index readIndex(byte[] json, String what) throws CheckpointException {
        Index index;
        try {
            index = JSON.readValue(json, Index.class);
        } catch (IOException e) {
            throw new CheckpointException(what + " is malformed: " + e.getMessage(), e);
        }
        if (index.parameters() == null
                || index.iterationCount() < 0
                || index.epochCount() < 0
                || index.updaterLength() < 0) {
            throw new CheckpointException(what + " is incomplete: it needs parameters, and counts of 0 or more");
        }
        return index;
    }

    /**
     * Checks the index against the network (after renaming old names): every parameter of the
     * network present once with its shape, no other, offsets in order without gaps.
     *
     * @return the index's parameters under their current names, in file order
     */
    static List<Parameter> match(
            Index index, ComputationGraph net, CheckpointFormat format, int fileVersion, String file)
            throws CheckpointException {
        Map<String, INDArray> expected = net.paramTable();
        Map<String, Parameter> found = new LinkedHashMap<>();
        long offset = 0;
        for (Parameter p : index.parameters()) {
            String name = format.migrate(String.valueOf(p.name()), fileVersion);
            INDArray target = expected.get(name);
            if (target == null) {
                throw new CheckpointException(
                        file + ": parameter " + p.name() + " is not part of the network spec.json " + "describes ("
                                + String.join(", ", expected.keySet()) + ")");
            }
            if (p.shape() == null || !Arrays.equals(p.shape(), target.shape())) {
                throw new CheckpointException(
                        file + ": parameter " + name + " has shape " + Arrays.toString(p.shape()) + " in the file but "
                                + Arrays.toString(target.shape()) + " in the network spec.json describes");
            }
            if (p.offset() != offset) {
                throw new CheckpointException(file + ": parameter " + name + " starts at value " + p.offset()
                        + " of parameters.bin; expected " + offset
                        + " (the index must list the parameters in order, without gaps)");
            }
            if (found.put(name, new Parameter(name, p.shape(), p.offset())) != null) {
                throw new CheckpointException(file + ": parameter " + name + " is listed twice");
            }
            offset += target.length();
        }
        List<String> missing =
                expected.keySet().stream().filter(n -> !found.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new CheckpointException(file + ": parameters " + missing + " of the network spec.json describes are "
                    + "missing from the file");
        }
        return List.copyOf(found.values());
    }

    /** Reads parameters.bin into the network; every value must be finite. */
    static void readParameters(InputStream in, List<Parameter> parameters, ComputationGraph net, String what)
            throws IOException {
        CappedStream capped = new CappedStream(in, Float.BYTES * net.numParams(), what);
        for (Parameter p : parameters) {
            float[] values =
                    capped.readFloats(Math.toIntExact(p.length()), ByteOrder.LITTLE_ENDIAN, "parameter " + p.name());
            requireFinite(values, 0, values.length, what + ": parameter " + p.name());
            net.getParam(p.name()).assign(Nd4j.create(values, p.shape(), 'c'));
        }
        capped.expectEnd();
    }

    /** Reads updater.bin into the network's optimizer state. */
    static void readUpdater(InputStream in, long length, ComputationGraph net, String what) throws IOException {
        INDArray state = net.getUpdater().getStateViewArray();
        long expected = state == null ? 0 : state.length();
        if (length != expected) {
            throw new CheckpointException(what + " holds " + length + " values but this network's optimizer state has "
                    + expected + ": the file does not match its spec.json");
        }
        CappedStream capped = new CappedStream(in, Float.BYTES * expected, what);
        float[] values = capped.readFloats(Math.toIntExact(expected), ByteOrder.LITTLE_ENDIAN, "the optimizer state");
        capped.expectEnd();
        requireFinite(values, 0, values.length, what);
        state.assign(Nd4j.create(values, state.shape(), 'c'));
    }

    /** Refuses NaN and infinite values: a network holding one gives NaN everywhere and never recovers. */
    static void requireFinite(float[] values, int from, int to, String what) throws CheckpointException {
        for (int i = from; i < to; i++) {
            if (!Float.isFinite(values[i])) {
                throw new CheckpointException(
                        what + " holds " + values[i] + " at index " + (i - from) + ": the weights are "
                                + "broken (training diverged before the save, or the file is damaged), so the checkpoint was not loaded");
            }
        }
    }

    private static void writeFloats(OutputStream out, INDArray array) throws IOException {
        float[] values = array.castTo(DataType.FLOAT).dup('c').data().asFloat();
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < values.length; from += CHUNK) {
            int n = Math.min(CHUNK, values.length - from);
            bytes.clear();
            bytes.asFloatBuffer().put(values, from, n);
            out.write(bytes.array(), 0, n * Float.BYTES);
        }
    }
}
