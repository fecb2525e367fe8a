package org.pixelscope.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pixelscope.data.AtomicFiles;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.PixelModel;

/**
 * A checkpoint is one zip holding the {@link ModelSpec} ({@code spec.json}), the
 * {@link TrainingHistory} ({@code training.json}) and the weights; {@link CheckpointFormat} lists
 * the versions and their entries, {@link ParameterFiles} the version-2 weight files that
 * {@link #save} writes.
 *
 * <p>Loading never runs Java deserialisation and never builds a class a file names: the network
 * is rebuilt from spec.json (whose {@code "kind"} picks one of the registered architectures), sized
 * and bounded before any array is allocated ({@link NetworkSize}), and filled with numbers read
 * by PixelScope's own code, each entry capped at what this network can hold ({@link CappedStream}).
 * A file with any entry it does not expect is refused. Saving goes through {@link AtomicFiles},
 * so a crash or a full disk never leaves a half-written checkpoint under the real name.
 *
 * <p>Thread: the caller's; the model must not train while it is saved.
 */
public final class Checkpoints {

    /** spec.json is a few hundred bytes. */
    private static final int SPEC_MAX = 64 * 1024;
    /** training.json grows ~80 bytes per iteration: 64 MiB is ~800,000 iterations. */
    private static final int TRAINING_MAX = 64 << 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Checkpoints() {}

    /** A loaded checkpoint. */
    public record Checkpoint(PixelModel model, TrainingHistory history) {}

    /**
     * Saves atomically in the current format. {@code withOptimizerState} keeps Adam's moments so
     * training can resume exactly; without them the file is about a third of the size.
     */
    public static void save(Path file, PixelModel model, TrainingHistory history, boolean withOptimizerState)
            throws CheckpointException {
        try {
            ComputationGraph net = model.network();
            ObjectNode spec =
                    JSON.createObjectNode().put(CheckpointFormat.FORMAT_FIELD, CheckpointFormat.CURRENT.version());
            spec.setAll((ObjectNode) JSON.readTree(ModelSpecs.toJson(model.spec())));
            byte[] specBytes = JSON.writeValueAsBytes(spec);
            byte[] training = JSON.writeValueAsBytes(history);
            byte[] index = ParameterFiles.index(net, withOptimizerState);
            AtomicFiles.write(file, out -> {
                ZipOutputStream zip = new ZipOutputStream(out);
                put(zip, CheckpointFormat.SPEC, specBytes);
                put(zip, CheckpointFormat.TRAINING, training);
                put(zip, CheckpointFormat.INDEX, index);
                zip.putNextEntry(new ZipEntry(CheckpointFormat.PARAMETERS));
                ParameterFiles.writeParameters(zip, net);
                zip.closeEntry();
                if (withOptimizerState) {
                    zip.putNextEntry(new ZipEntry(CheckpointFormat.UPDATER));
                    ParameterFiles.writeUpdater(zip, net);
                    zip.closeEntry();
                }
                zip.finish();
            });
        } catch (IOException e) {
            throw new CheckpointException(
                    "could not save checkpoint " + file + ": " + e + " (nothing was overwritten)", e);
        }
    }

    /** Loads and validates a checkpoint of any version this PixelScope reads. */
    public static Checkpoint load(Path file) throws CheckpointException {
        return load(file, CheckpointFormat.CURRENT);
    }

    /** {@link #load(Path)} with another format's renames: how tests show a migration at work. */
    static Checkpoint load(Path file, CheckpointFormat format) throws CheckpointException {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(name + ": file not found");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Set<String> entries = entryNames(zip, name);
            ReadSpec read = readSpec(zip, name, format);
            checkEntries(entries, read.version(), name);
            ComputationGraph net = NetworkSize.buildEmpty(read.spec(), name);
            TrainingHistory history = readHistory(zip, name);
            if (read.version() == 1) {
                try (InputStream in = zip.getInputStream(zip.getEntry(CheckpointFormat.MODEL))) {
                    LegacyModelZip.read(in, net, name);
                }
            } else {
                readVersion2(zip, net, format, read.version(), name);
            }
            PixelModel model = new PixelModel(read.spec(), net);
            checkForwardPass(name, model);
            return new Checkpoint(model, history);
        } catch (ZipException e) {
            throw new CheckpointException(
                    name + ": not a PixelScope checkpoint, or truncated (not a readable zip: " + e.getMessage() + ")",
                    e);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(name + ": file not found", e);
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointException(
                    name + ": could not read it (is it damaged or truncated?): " + e.getMessage(), e);
        }
    }

    private record ReadSpec(ModelSpec spec, int version) {}

    /** spec.json: the format version (absent in version 1) and the spec without it. */
    private static ReadSpec readSpec(ZipFile zip, String name, CheckpointFormat format) throws IOException {
        JsonNode tree;
        try {
            tree = JSON.readTree(read(zip, name, CheckpointFormat.SPEC, SPEC_MAX));
        } catch (IOException e) {
            throw e instanceof CheckpointException c
                    ? c
                    : new CheckpointException(name + ": spec.json is malformed: " + e.getMessage(), e);
        }
        if (!(tree instanceof ObjectNode spec)) {
            throw new CheckpointException(name + ": spec.json is not a JSON object");
        }
        JsonNode v = spec.remove(CheckpointFormat.FORMAT_FIELD);
        int version = v == null ? 1 : v.canConvertToInt() && v.isIntegralNumber() ? v.intValue() : -1;
        if (version < 1) {
            throw new CheckpointException(name + ": spec.json's format must be a version number, found " + v);
        }
        if (version > format.version()) {
            throw new CheckpointException(name + ": checkpoint format " + version + " comes from a newer PixelScope; "
                    + "this one reads formats 1 to " + format.version());
        }
        try {
            return new ReadSpec(ModelSpecs.fromJson(spec.toString()), version);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(name + ": " + e.getMessage(), e);
        }
    }

    private static TrainingHistory readHistory(ZipFile zip, String name) throws IOException {
        byte[] bytes = read(zip, name, CheckpointFormat.TRAINING, TRAINING_MAX);
        try {
            TrainingHistory h = JSON.readValue(bytes, TrainingHistory.class);
            if (h.losses() == null || h.validation() == null) {
                throw new CheckpointException(name + ": training.json is incomplete");
            }
            return h;
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(name + ": training.json is malformed: " + e.getMessage(), e);
        }
    }

    private static void readVersion2(
            ZipFile zip, ComputationGraph net, CheckpointFormat format, int version, String name) throws IOException {
        ParameterFiles.Index index = ParameterFiles.readIndex(
                read(
                        zip,
                        name,
                        CheckpointFormat.INDEX,
                        ParameterFiles.indexCap(net.paramTable().size())),
                name + ": " + CheckpointFormat.INDEX);
        List<ParameterFiles.Parameter> parameters = ParameterFiles.match(index, net, format, version, name);
        try (InputStream in = zip.getInputStream(zip.getEntry(CheckpointFormat.PARAMETERS))) {
            ParameterFiles.readParameters(in, parameters, net, name + ": " + CheckpointFormat.PARAMETERS);
        }
        ZipEntry updater = zip.getEntry(CheckpointFormat.UPDATER);
        if ((updater == null) != (index.updaterLength() == 0)) {
            throw new CheckpointException(name + ": " + CheckpointFormat.INDEX + " and the presence of "
                    + CheckpointFormat.UPDATER + " disagree");
        }
        if (updater != null) {
            try (InputStream in = zip.getInputStream(updater)) {
                ParameterFiles.readUpdater(in, index.updaterLength(), net, name + ": " + CheckpointFormat.UPDATER);
            }
        }
        net.getConfiguration().setIterationCount(index.iterationCount());
        net.getConfiguration().setEpochCount(index.epochCount());
    }

    /** All entry names, refusing duplicates and anything no version of the format holds. */
    private static Set<String> entryNames(ZipFile zip, String name) throws CheckpointException {
        Set<String> names = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        for (ZipEntry e : Collections.list(zip.entries())) {
            if (!names.add(e.getName())) {
                throw new CheckpointException(name + ": entry " + e.getName()
                        + " appears twice: the file is damaged or " + "hostile and was not loaded");
            }
            if (!CheckpointFormat.knownEntries().contains(e.getName()) && unknown.size() < 5) {
                unknown.add(e.getName());
            }
        }
        if (!unknown.isEmpty()) {
            boolean dl4j = names.contains(LegacyModelZip.CONFIGURATION) && names.contains(LegacyModelZip.COEFFICIENTS);
            throw new CheckpointException(name + ": not a PixelScope checkpoint: "
                    + (dl4j
                            ? "it is a DL4J model zip (configuration.json, coefficients.bin), which PixelScope does not load"
                            : "unexpected entries " + unknown + " (a checkpoint holds "
                                    + String.join(", ", CheckpointFormat.knownEntries()) + ")")
                    + "; nothing in it was read");
        }
        if (!names.contains(CheckpointFormat.SPEC)) {
            throw new CheckpointException(name + ": not a PixelScope checkpoint (no spec.json inside)");
        }
        return names;
    }

    private static void checkEntries(Set<String> names, int version, String name) throws CheckpointException {
        for (String required : CheckpointFormat.requiredEntries(version)) {
            if (!names.contains(required)) {
                throw new CheckpointException(name + ": not a complete PixelScope checkpoint of format " + version
                        + " (no " + required + " inside)");
            }
        }
        for (String n : names) {
            if (!CheckpointFormat.requiredEntries(version).contains(n)
                    && !CheckpointFormat.optionalEntries(version).contains(n)) {
                throw new CheckpointException(name + ": entry " + n + " does not belong in a checkpoint of format "
                        + version + "; the file was not loaded");
            }
        }
    }

    /** The network must run on an image of the spec's size and give probabilities. */
    private static void checkForwardPass(String name, PixelModel model) throws CheckpointException {
        ModelSpec spec = model.spec();
        INDArray p;
        try {
            p = model.probabilities(Nd4j.zeros(DataType.FLOAT, 1, 1, spec.height(), spec.width()));
        } catch (RuntimeException e) {
            throw new CheckpointException(
                    name + ": spec.json describes " + spec.name() + " (" + spec.height() + "x" + spec.width()
                            + ") but the network does not run on such an image (" + e.getMessage() + ")",
                    e);
        }
        double sum = p.sumNumber().doubleValue();
        if (!Double.isFinite(sum)
                || p.minNumber().doubleValue() < 0
                || p.maxNumber().doubleValue() > 1) {
            throw new CheckpointException(
                    name + ": the network gives no probabilities on an empty image (sum " + sum + ")");
        }
    }

    private static byte[] read(ZipFile zip, String name, String entry, long max) throws IOException {
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
            throw new CheckpointException(name + ": not a PixelScope checkpoint (no " + entry + " inside)");
        }
        if (e.getSize() > max) {
            throw new CheckpointException(name + ": " + entry + " claims " + e.getSize() + " bytes, more than the "
                    + max + " it can hold: the file is damaged or hostile (a zip bomb?) and was not loaded");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return CappedStream.readAll(in, max, name + ": " + entry);
        } catch (ZipException ex) {
            throw new CheckpointException(
                    name + ": " + entry + " is truncated or corrupt (" + ex.getMessage() + ")", ex);
        }
    }

    private static void put(ZipOutputStream zip, String entry, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(entry));
        zip.write(bytes);
        zip.closeEntry();
    }
}
