package org.pixelscope.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.pixelscope.data.AtomicFiles;
import org.nd4j.linalg.factory.Nd4j;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelModel;

/**
 * A checkpoint is one zip: {@code model.zip} (DL4J's own serialisation of the network),
 * {@code spec.json} (the {@link ModelSpec}) and {@code training.json} (the {@link TrainingHistory}).
 *
 * <p>Saving writes a temporary file beside the target and moves it into place, so a crash or a
 * full disk never leaves a half-written checkpoint under the real name. Loading checks each part
 * and says which one is wrong.
 */
public final class Checkpoints {

    static final String MODEL = "model.zip";
    static final String SPEC = "spec.json";
    static final String TRAINING = "training.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Checkpoints() {
    }

    /** A loaded checkpoint. */
    public record Checkpoint(PixelModel model, TrainingHistory history) {
    }

    /**
     * Saves atomically. {@code withOptimizerState} keeps Adam's moments so training can resume
     * exactly; without them the file is about a third of the size.
     */
    public static void save(Path file, PixelModel model, TrainingHistory history, boolean withOptimizerState)
            throws CheckpointException {
        try {
            ByteArrayOutputStream net = new ByteArrayOutputStream();
            ModelSerializer.writeModel(model.network(), net, withOptimizerState);
            byte[] spec = ModelSpecs.toJson(model.spec()).getBytes(StandardCharsets.UTF_8);
            byte[] training = JSON.writeValueAsBytes(history);
            AtomicFiles.write(file, out -> {
                ZipOutputStream zip = new ZipOutputStream(out);
                put(zip, SPEC, spec);
                put(zip, TRAINING, training);
                put(zip, MODEL, net.toByteArray());
                zip.finish();
            });
        } catch (IOException e) {
            throw new CheckpointException("could not save checkpoint " + file + ": " + e
                    + " (nothing was overwritten)", e);
        }
    }

    /** Loads and validates a checkpoint. */
    public static Checkpoint load(Path file) throws CheckpointException {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(name + ": file not found");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ModelSpec spec;
            try {
                spec = ModelSpecs.fromJson(new String(read(zip, name, SPEC), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new CheckpointException(name + ": " + e.getMessage(), e);
            }
            TrainingHistory history;
            try {
                history = JSON.readValue(read(zip, name, TRAINING), TrainingHistory.class);
            } catch (IOException e) {
                throw new CheckpointException(name + ": training.json is malformed: " + e.getMessage(), e);
            }
            ComputationGraph net;
            try (InputStream in = new ByteArrayInputStream(read(zip, name, MODEL))) {
                net = ModelSerializer.restoreComputationGraph(in, true);
            } catch (IOException | RuntimeException e) {
                throw new CheckpointException(name + ": the network inside is corrupt or from an incompatible "
                        + "version (" + e.getMessage() + ")", e);
            }
            PixelModel model = new PixelModel(spec, net);
            checkMatches(name, model);
            return new Checkpoint(model, history);
        } catch (ZipException e) {
            throw new CheckpointException(name + ": not a PixelScope checkpoint, or truncated (not a readable zip: "
                    + e.getMessage() + ")", e);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(name + ": file not found", e);
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointException(name + ": could not read: " + e.getMessage(), e);
        }
    }

    /**
     * The network inside must have the parameters of the network spec.json describes (a forward
     * pass alone would accept any fully convolutional network, whatever its depth or width), and
     * must run on an image of the spec's size.
     */
    private static void checkMatches(String name, PixelModel model) throws CheckpointException {
        ModelSpec spec = model.spec();
        Map<String, List<Long>> expected;
        try {
            expected = parameterShapes(NetworkBuilder.build(spec, 0, TrainingConfig.DEFAULT_LEARNING_RATE).network());
        } catch (RuntimeException e) {
            throw new CheckpointException(name + ": spec.json describes a network PixelScope cannot build ("
                    + e.getMessage() + ")", e);
        }
        Map<String, List<Long>> actual = parameterShapes(model.network());
        if (!expected.equals(actual)) {
            throw new CheckpointException(name + ": spec.json describes " + spec.name() + " but the network inside "
                    + "does not match it (" + firstDifference(expected, actual) + ")");
        }
        try {
            model.probabilities(Nd4j.zeros(DataType.FLOAT, 1, 1, spec.height(), spec.width()));
        } catch (RuntimeException e) {
            throw new CheckpointException(name + ": spec.json describes " + spec.name() + " (" + spec.height() + "x"
                    + spec.width() + ") but the network inside does not match it (" + e.getMessage() + ")", e);
        }
    }

    private static Map<String, List<Long>> parameterShapes(ComputationGraph net) {
        Map<String, List<Long>> shapes = new LinkedHashMap<>();
        net.paramTable().forEach((param, array) -> shapes.put(param, Arrays.stream(array.shape()).boxed().toList()));
        return shapes;
    }

    private static String firstDifference(Map<String, List<Long>> expected, Map<String, List<Long>> actual) {
        for (Map.Entry<String, List<Long>> e : expected.entrySet()) {
            List<Long> found = actual.get(e.getKey());
            if (!e.getValue().equals(found)) {
                return "parameter " + e.getKey() + ": spec " + e.getValue() + ", file " + (found == null ? "none" : found);
            }
        }
        return "the file has parameters the spec does not: " + actual.keySet();
    }

    private static byte[] read(ZipFile zip, String name, String entry) throws IOException {
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
            throw new CheckpointException(name + ": not a PixelScope checkpoint (no " + entry + " inside)");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        } catch (ZipException ex) {
            throw new CheckpointException(name + ": " + entry + " is truncated or corrupt (" + ex.getMessage() + ")", ex);
        }
    }

    private static void put(ZipOutputStream zip, String entry, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(entry));
        zip.write(bytes);
        zip.closeEntry();
    }
}
