package org.pixelscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.TestImages;

/** Saving and loading checkpoints, and the errors a damaged file gives. */
class CheckpointsTest {

    private static final PixelCnnSpec SMALL = PixelCnnSpec.chapter().withSize(10, 10);
    private static final PixelModel MODEL = NetworkBuilder.build(SMALL, 11, 1e-3);
    private static final TrainingHistory HISTORY = new TrainingHistory(2, 7, 42, "MNIST train[0:300], stochastic",
            List.of(new TrainingHistory.LossPoint(1, 1, 540.5), new TrainingHistory.LossPoint(7, 2, 201.25)),
            List.of(new TrainingHistory.EpochPoint(1, 4, 250.0, 0.46), new TrainingHistory.EpochPoint(2, 7, 190.0, 0.35)));
    private static final INDArray BATCH = TestImages.binary(3, 10, 10, 5);

    @TempDir
    static Path shared;
    private static Path good;

    @BeforeAll
    static void saveOne() throws CheckpointException {
        good = shared.resolve("good.zip");
        Checkpoints.save(good, MODEL, HISTORY, false);
    }

    @Test
    void roundTripKeepsWeightsHistoryAndSpec() throws CheckpointException {
        Checkpoints.Checkpoint loaded = Checkpoints.load(good);
        assertThat(loaded.model().spec()).isEqualTo(SMALL);
        assertThat(loaded.history()).isEqualTo(HISTORY);
        assertThat(flat(loaded.model().probabilities(BATCH))).containsExactly(flat(MODEL.probabilities(BATCH)));
        assertThat(loaded.model().parameterCount()).isEqualTo(MODEL.parameterCount());
    }

    @Test
    void savingLeavesNoTemporaryFileAndReplacesAnExistingCheckpoint(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run.zip");
        Checkpoints.save(file, MODEL, HISTORY, true);
        assertThat(names(dir)).containsExactly("run.zip");

        PixelModel other = NetworkBuilder.build(SMALL, 12, 1e-3);
        TrainingHistory otherHistory = TrainingHistory.empty(12);
        Checkpoints.save(file, other, otherHistory, false);
        assertThat(names(dir)).containsExactly("run.zip");
        Checkpoints.Checkpoint loaded = Checkpoints.load(file);
        assertThat(loaded.history()).isEqualTo(otherHistory);
        assertThat(flat(loaded.model().probabilities(BATCH))).containsExactly(flat(other.probabilities(BATCH)))
                .isNotEqualTo(flat(MODEL.probabilities(BATCH)));
    }

    @Test
    void aTruncatedFileIsReportedAsSuch(@TempDir Path dir) throws IOException {
        Path cut = dir.resolve("cut.zip");
        Files.copy(good, cut);
        try (FileChannel ch = FileChannel.open(cut, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        assertThatThrownBy(() -> Checkpoints.load(cut))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("cut.zip: ")
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("truncated", "not a readable zip"));
    }

    @Test
    void randomBytesAreNotACheckpoint(@TempDir Path dir) throws IOException {
        Path noise = dir.resolve("noise.zip");
        byte[] bytes = new byte[4096];
        new SplittableRandom(3).nextBytes(bytes);
        Files.write(noise, bytes);
        assertThatThrownBy(() -> Checkpoints.load(noise))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("noise.zip")
                .hasMessageContaining("not a PixelScope checkpoint");
    }

    @Test
    void aZipWithoutSpecJsonNamesTheMissingPart(@TempDir Path dir) throws IOException {
        Map<String, byte[]> entries = entries(good);
        entries.remove(Checkpoints.SPEC);
        Path file = zip(dir.resolve("nospec.zip"), entries);
        assertThatThrownBy(() -> Checkpoints.load(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("nospec.zip")
                .hasMessageContaining("spec.json");
    }

    @Test
    void anUnknownModelKindIsNamed(@TempDir Path dir) throws IOException {
        Map<String, byte[]> entries = entries(good);
        String spec = new String(entries.get(Checkpoints.SPEC), StandardCharsets.UTF_8);
        assertThat(spec).contains("\"kind\" : \"pixelcnn\"");
        entries.put(Checkpoints.SPEC, spec.replace("\"kind\" : \"pixelcnn\"", "\"kind\" : \"wavenet\"")
                .getBytes(StandardCharsets.UTF_8));
        Path file = zip(dir.resolve("wavenet.zip"), entries);
        assertThatThrownBy(() -> Checkpoints.load(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("wavenet.zip")
                .hasMessageContaining("unknown model kind 'wavenet'");
    }

    @Test
    void aSpecThatDoesNotDescribeTheNetworkIsRejected(@TempDir Path dir) throws IOException {
        // spec.json says 2 hidden layers of 32 filters; the network inside has 5 of 64
        Map<String, byte[]> entries = entries(good);
        PixelCnnSpec wrong = new PixelCnnSpec(SMALL.name(), SMALL.description(), 10, 10, 32, 7, 2, 3, false);
        entries.put(Checkpoints.SPEC, ModelSpecs.toJson(wrong).getBytes(StandardCharsets.UTF_8));
        Path file = zip(dir.resolve("mismatch.zip"), entries);
        assertThatThrownBy(() -> Checkpoints.load(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("mismatch.zip")
                .hasMessageContaining("does not match");
    }

    @Test
    void aMissingFileIsReported(@TempDir Path dir) {
        assertThatThrownBy(() -> Checkpoints.load(dir.resolve("absent.zip")))
                .isInstanceOf(CheckpointException.class)
                .hasMessage("absent.zip: file not found");
    }

    @Test
    void savingUnderARegularFileFailsCleanly(@TempDir Path dir) throws IOException {
        Path notAFolder = dir.resolve("notes.txt");
        Files.writeString(notAFolder, "keep me");
        assertThatThrownBy(() -> Checkpoints.save(notAFolder.resolve("run.zip"), MODEL, HISTORY, false))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("run.zip")
                .hasMessageContaining("nothing was overwritten");
        assertThat(Files.readString(notAFolder)).isEqualTo("keep me");
        assertThat(names(dir)).containsExactly("notes.txt");
    }

    @Test
    void aFailedSaveLeavesTheExistingTargetAlone(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("run.zip");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside.txt"), "still here");
        assertThatThrownBy(() -> Checkpoints.save(target, MODEL, HISTORY, false))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("nothing was overwritten");
        assertThat(Files.readString(target.resolve("inside.txt"))).isEqualTo("still here");
        assertThat(names(dir)).containsExactly("run.zip");
    }

    private static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        assertThat(entries).containsKeys(Checkpoints.SPEC, Checkpoints.TRAINING, Checkpoints.MODEL);
        return entries;
    }

    private static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static double[] flat(INDArray a) {
        return a.dup('c').reshape(a.length()).toDoubleVector();
    }
}
