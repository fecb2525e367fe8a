package org.pixelscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;

/**
 * Files built to attack or confuse the loader: each is refused with a message that names the
 * file and the problem, quickly, without deserialising, without writing anything and without
 * running out of memory.
 */
class HostileCheckpointsTest {

    private static final PixelModel MODEL = NetworkBuilder.build(CheckpointsTest.SMALL, 11, 1e-3);

    @TempDir
    static Path shared;

    private static Path good;
    private static Map<String, byte[]> legacy;

    @BeforeAll
    static void saveOne() throws IOException {
        good = shared.resolve("good.zip");
        Checkpoints.save(good, MODEL, CheckpointsTest.HISTORY, true);
        legacy = CheckpointFiles.legacy(MODEL, CheckpointsTest.HISTORY, true);
    }

    @BeforeEach
    void resetTripwire() {
        Tripwire.TRIGGERED.set(0);
    }

    @Test
    void aSerialisedPayloadInPreprocessorBinIsRefusedAndNeverBuilt(@TempDir Path dir) throws Exception {
        byte[] payload = serialised(new Tripwire());
        Tripwire.TRIGGERED.set(0);
        // DL4J's own loader ran this payload's readObject (Tripwire.TRIGGERED 1 with the loader before format 2);
        // in this JVM the app's process-wide filter (SerialFilterSession) is the second wall:
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(payload))) {
            assertThatThrownBy(in::readObject).isInstanceOf(InvalidClassException.class);
        }

        Map<String, byte[]> inner = CheckpointFiles.entries(legacy.get("model.zip"));
        inner.put("preprocessor.bin", payload);
        Path v1 = withModelZip(dir.resolve("preprocessor.zip"), inner);
        assertThatThrownBy(() -> Checkpoints.load(v1))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("preprocessor.zip: model.zip/preprocessor.bin: the network zip holds a "
                        + "Java-serialised object");

        Map<String, byte[]> top = CheckpointFiles.entries(good);
        top.put("preprocessor.bin", payload);
        Path v2 = CheckpointFiles.zip(dir.resolve("top.zip"), top);
        assertThatThrownBy(() -> Checkpoints.load(v2))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("top.zip: not a PixelScope checkpoint: unexpected entries [preprocessor.bin]");
        assertThat(Tripwire.TRIGGERED.get()).isZero();
    }

    @Test
    void classNamesInConfigurationJsonAreNeverActedOn(@TempDir Path dir) throws IOException {
        Path marker = dir.resolve("pwned");
        String config = "{\"@class\": \"java.lang.ProcessBuilder\", \"command\": [\"touch\", \"" + marker + "\"],"
                + " \"vertices\": {\"conv0_A\": {\"@class\": \"" + Tripwire.class.getName() + "\"}},"
                + " \"iterationCount\": 5, \"epochCount\": 1}";
        Map<String, byte[]> inner = CheckpointFiles.entries(legacy.get("model.zip"));
        inner.put("configuration.json", config.getBytes(StandardCharsets.UTF_8));
        Path file = withModelZip(dir.resolve("classes.zip"), inner);
        PixelModel loaded = Checkpoints.load(file).model();
        assertThat(loaded.network().getConfiguration().getIterationCount()).isEqualTo(5);
        assertThat(CheckpointsTest.floats(loaded.network().params()))
                .isEqualTo(CheckpointsTest.floats(MODEL.network().params()));
        assertThat(marker).doesNotExist();
        assertThat(Tripwire.TRIGGERED.get()).isZero();
    }

    @Test
    void aZipBombThatAdmitsItsSizeIsRefusedBeforeInflating(@TempDir Path dir) throws IOException {
        long gib2 = 2L << 30;
        Path file = rawCheckpoint(dir.resolve("bomb.zip"), RawZip.Entry.zeros("training.json", 2048, gib2));
        assertRefusedQuickly(
                file, "bomb.zip: training.json claims 2147483648 bytes, more than the 67108864 it can hold");
    }

    @Test
    void aZipBombThatLiesAboutItsSizeStopsAtTheCap(@TempDir Path dir) throws IOException {
        Path file = rawCheckpoint(dir.resolve("liar.zip"), RawZip.Entry.zeros("training.json", 2048, 300));
        assertRefusedQuickly(file, "liar.zip: training.json inflates to more than the 67108864 bytes it can hold");
    }

    @Test
    void aZipBombInsideTheVersionOneNetworkZipStopsAtTheCap(@TempDir Path dir) throws IOException {
        byte[] inner = RawZip.zip(List.of(RawZip.Entry.zeros("configuration.json", 2048, 2L << 30)));
        Map<String, byte[]> entries = new LinkedHashMap<>(legacy);
        entries.put("model.zip", inner);
        Path file = CheckpointFiles.zip(dir.resolve("nested.zip"), entries);
        assertRefusedQuickly(file, "nested.zip: model.zip/configuration.json inflates to more than");
    }

    @Test
    void entriesThatClimbOutOfTheFolderWriteNothingAnywhere(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("models"));
        Map<String, byte[]> top = CheckpointFiles.entries(good);
        top.put("../evil.txt", "x".getBytes(StandardCharsets.UTF_8));
        Path outer = CheckpointFiles.zip(folder.resolve("climb.zip"), top);
        assertThatThrownBy(() -> Checkpoints.load(outer))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("climb.zip: not a PixelScope checkpoint: unexpected entries [../evil.txt]");

        Map<String, byte[]> inner = CheckpointFiles.entries(legacy.get("model.zip"));
        inner.put("../../evil.bin", "x".getBytes(StandardCharsets.UTF_8));
        Path nested = withModelZip(folder.resolve("nested.zip"), inner);
        assertThatThrownBy(() -> Checkpoints.load(nested))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("nested.zip: model.zip/../../evil.bin: unexpected entry");
        assertThat(CheckpointsTest.names(folder)).containsExactly("climb.zip", "nested.zip");
        assertThat(CheckpointsTest.names(dir)).containsExactly("models");
        assertThat(dir.getParent().resolve("evil.txt")).doesNotExist();
        assertThat(dir.getParent().resolve("evil.bin")).doesNotExist();
    }

    @Test
    void truncatedFilesAreReportedAsSuch(@TempDir Path dir) throws IOException {
        for (Path source : List.of(good, CheckpointFiles.zip(dir.resolve("v1.zip"), legacy))) {
            Path cut = dir.resolve("cut.zip");
            Files.copy(source, cut, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(cut, StandardOpenOption.WRITE)) {
                ch.truncate(ch.size() / 2);
            }
            assertThatThrownBy(() -> Checkpoints.load(cut))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageStartingWith("cut.zip: not a PixelScope checkpoint, or truncated");
        }
        Map<String, byte[]> entries = CheckpointFiles.entries(good);
        byte[] bin = entries.get("parameters.bin");
        entries.put("parameters.bin", java.util.Arrays.copyOf(bin, bin.length - 2));
        Path shortBin = CheckpointFiles.zip(dir.resolve("short.zip"), entries);
        assertThatThrownBy(() -> Checkpoints.load(shortBin))
                .isInstanceOf(CheckpointException.class)
                .hasMessage("short.zip: parameters.bin ends inside parameter out_1x1_b: the file is truncated");
        entries.put("parameters.bin", java.util.Arrays.copyOf(bin, bin.length + 4));
        Path longBin = CheckpointFiles.zip(dir.resolve("long.zip"), entries);
        assertThatThrownBy(() -> Checkpoints.load(longBin))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("long.zip: parameters.bin is longer than this model's parameters");
    }

    @Test
    void foreignFilesAreNotCheckpoints(@TempDir Path dir) throws IOException {
        byte[] noise = new byte[4096];
        new SplittableRandom(3).nextBytes(noise);
        Path random = Files.write(dir.resolve("noise.zip"), noise);
        assertThatThrownBy(() -> Checkpoints.load(random))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("noise.zip: not a PixelScope checkpoint");

        Path foreign = CheckpointFiles.zip(dir.resolve("photos.zip"), Map.of("holiday.jpg", new byte[10]));
        assertThatThrownBy(() -> Checkpoints.load(foreign))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("photos.zip: not a PixelScope checkpoint: unexpected entries [holiday.jpg]");

        MultiLayerNetwork mln = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(3).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .nIn(3)
                        .nOut(1)
                        .activation(Activation.SIGMOID)
                        .build())
                .build());
        mln.init();
        Path dl4j = dir.resolve("mln.zip");
        ModelSerializer.writeModel(mln, dl4j.toFile(), true);
        assertThatThrownBy(() -> Checkpoints.load(dl4j))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("mln.zip: not a PixelScope checkpoint: it is a DL4J model zip");
    }

    @Test
    void nonFiniteWeightsAreRefusedNamingTheParameter(@TempDir Path dir) throws IOException {
        Map<String, byte[]> entries = CheckpointFiles.entries(good);
        ByteBuffer bin = ByteBuffer.wrap(entries.get("parameters.bin")).order(ByteOrder.LITTLE_ENDIAN);
        long conv1 = 7 * 7 * 64 + 64; // conv0_A_W, conv0_A_b, then conv1_B_W
        bin.putFloat((int) (4 * (conv1 + 5)), Float.NaN);
        Path v2 = CheckpointFiles.zip(dir.resolve("nan.zip"), entries);
        assertThatThrownBy(() -> Checkpoints.load(v2))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("nan.zip: parameters.bin: parameter conv1_B_W holds NaN at index 5");

        PixelModel broken = MODEL.copy();
        broken.network().getParam("out_1x1_b").putScalar(0, Float.POSITIVE_INFINITY);
        Path v1 = CheckpointFiles.zip(
                dir.resolve("inf.zip"), CheckpointFiles.legacy(broken, CheckpointsTest.HISTORY, false));
        assertThatThrownBy(() -> Checkpoints.load(v1))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith(
                        "inf.zip: model.zip/coefficients.bin: parameter out_1x1_b holds Infinity at index 0");
    }

    @Test
    void aSpecForAGiantNetworkIsRefusedBeforeAnythingIsAllocated(@TempDir Path dir) throws IOException {
        Map<String, byte[]> entries = CheckpointFiles.entries(good);
        PixelCnnSpec giant = new PixelCnnSpec("giant", "", 28, 28, 100_000, 7, 40, 3, false);
        entries.put(
                "spec.json",
                ("{\"format\": 2, " + ModelSpecs.toJson(giant).substring(1)).getBytes(StandardCharsets.UTF_8));
        Path file = CheckpointFiles.zip(dir.resolve("giant.zip"), entries);
        assertRefusedQuickly(file, "giant.zip: spec.json describes a network of 3600009100001 parameters");
    }

    @Test
    void indexesThatDoNotMatchTheNetworkAreRefused(@TempDir Path dir) throws IOException {
        Map<String, byte[]> entries = CheckpointFiles.entries(good);
        String index = new String(entries.get("parameters.json"), StandardCharsets.UTF_8);
        entries.put(
                "parameters.json",
                index.replace("\"updaterLength\" : " + 2 * MODEL.parameterCount(), "\"updaterLength\" : 12")
                        .getBytes(StandardCharsets.UTF_8));
        Path updater = CheckpointFiles.zip(dir.resolve("updater.zip"), entries);
        assertThatThrownBy(() -> Checkpoints.load(updater))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith(
                        "updater.zip: updater.bin holds 12 values but this network's optimizer state has");

        entries.put(
                "parameters.json",
                index.replace("\"conv5_B_b\"", "\"conv1_B_b\"").getBytes(StandardCharsets.UTF_8));
        Path twice = CheckpointFiles.zip(dir.resolve("twice.zip"), entries);
        assertThatThrownBy(() -> Checkpoints.load(twice))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("twice.zip: parameter conv1_B_b");

        byte[] spec = entries.get("spec.json");
        Path duplicate = Files.write(
                dir.resolve("dup.zip"),
                RawZip.zip(List.of(RawZip.Entry.stored("spec.json", spec), RawZip.Entry.stored("spec.json", spec))));
        assertThatThrownBy(() -> Checkpoints.load(duplicate))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("dup.zip: entry spec.json appears twice");
    }

    private static void assertRefusedQuickly(Path file, String message) {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Checkpoints.load(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith(message);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("%s refused in %d ms%n", file.getFileName(), ms);
        assertThat(ms).as("refusal time, ms").isLessThan(20_000);
    }

    /** A version-2 checkpoint written byte by byte, with {@code replacement} in place of its entry of the same name. */
    private static Path rawCheckpoint(Path file, RawZip.Entry replacement) throws IOException {
        List<RawZip.Entry> raw = CheckpointFiles.entries(good).entrySet().stream()
                .map(e -> e.getKey().equals(replacement.name())
                        ? replacement
                        : RawZip.Entry.stored(e.getKey(), e.getValue()))
                .toList();
        return Files.write(file, RawZip.zip(raw));
    }

    private static Path withModelZip(Path file, Map<String, byte[]> inner) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(legacy);
        entries.put("model.zip", CheckpointFiles.zip(inner));
        return CheckpointFiles.zip(file, entries);
    }

    private static byte[] serialised(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }
}
