package org.pixelscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.TestImages;

/** Saving and loading checkpoints: the version-2 layout, exact round trips, version-1 files, migrations. */
class CheckpointsTest {

    static final PixelCnnSpec SMALL = PixelCnnSpec.chapter().withSize(10, 10);
    static final TrainingHistory HISTORY = new TrainingHistory(
            2,
            7,
            42,
            "MNIST train[0:300], stochastic",
            List.of(new TrainingHistory.LossPoint(1, 1, 540.5), new TrainingHistory.LossPoint(7, 2, 201.25)),
            List.of(
                    new TrainingHistory.EpochPoint(1, 4, 250.0, 0.46),
                    new TrainingHistory.EpochPoint(2, 7, 190.0, 0.35)));
    static final INDArray BATCH = TestImages.binary(3, 10, 10, 5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Trained two steps, so Adam's state and the step count are not the fresh ones. */
    static PixelModel trained;

    @TempDir
    static Path shared;

    static Path good;

    @BeforeAll
    static void saveOne() throws CheckpointException {
        trained = NetworkBuilder.build(SMALL, 11, 1e-3);
        trained.fit(new DataSet(BATCH, BATCH));
        trained.fit(new DataSet(TestImages.binary(3, 10, 10, 6), TestImages.binary(3, 10, 10, 6)));
        good = shared.resolve("good.zip");
        Checkpoints.save(good, trained, HISTORY, true);
    }

    @Test
    void aRoundTripIsBitExactForParametersOptimizerStateStepCountHistoryAndSpec() throws CheckpointException {
        Checkpoints.Checkpoint loaded = Checkpoints.load(good);
        assertThat(loaded.model().spec()).isEqualTo(SMALL);
        assertThat(loaded.history()).isEqualTo(HISTORY);
        ComputationGraph net = loaded.model().network();
        assertThat(floats(net.params())).isEqualTo(floats(trained.network().params()));
        assertThat(floats(net.getUpdater().getStateViewArray()))
                .isEqualTo(floats(trained.network().getUpdater().getStateViewArray()))
                .isNotEqualTo(
                        new float[(int) net.getUpdater().getStateViewArray().length()]);
        assertThat(net.getConfiguration().getIterationCount()).isEqualTo(2);
        assertThat(floats(loaded.model().probabilities(BATCH))).isEqualTo(floats(trained.probabilities(BATCH)));
    }

    @Test
    void theFileHoldsTheDocumentedLayout() throws IOException {
        Map<String, byte[]> entries = CheckpointFiles.entries(good);
        assertThat(entries.keySet())
                .containsExactly("spec.json", "training.json", "parameters.json", "parameters.bin", "updater.bin");
        JsonNode spec = JSON.readTree(entries.get("spec.json"));
        assertThat(spec.get("format").intValue()).isEqualTo(2);
        assertThat(spec.get("kind").textValue()).isEqualTo("pixelcnn");
        JsonNode index = JSON.readTree(entries.get("parameters.json"));
        assertThat(index.get("iterationCount").intValue()).isEqualTo(2);
        JsonNode second = index.get("parameters").get(1);
        assertThat(second.get("name").textValue()).isEqualTo("conv0_A_b");
        assertThat(second.get("offset").longValue()).isEqualTo(64 * 49);
        INDArray w = trained.network().getParam("conv0_A_W");
        assertThat(JSON.convertValue(index.get("parameters").get(0).get("shape"), long[].class))
                .containsExactly(w.shape());
        // little-endian float32, row-major within the parameter
        ByteBuffer bin = ByteBuffer.wrap(entries.get("parameters.bin")).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bin.capacity()).isEqualTo(4 * trained.parameterCount());
        assertThat(w.shape()).containsExactly(7, 7, 1, 64);
        assertThat(bin.getFloat(4 * ((3 * 7 + 2) * 64 + 1))).isEqualTo(w.getFloat(3, 2, 0, 1));
        assertThat(entries.get("updater.bin"))
                .hasSize(4
                        * (int) trained.network()
                                .getUpdater()
                                .getStateViewArray()
                                .length());
        assertThat(index.get("updaterLength").longValue()).isEqualTo(2 * trained.parameterCount());
    }

    @Test
    void withoutOptimizerStateThereIsNoUpdaterEntryAndAFreshOptimizer(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("small.zip");
        Checkpoints.save(file, trained, HISTORY, false);
        assertThat(CheckpointFiles.entries(file)).doesNotContainKey("updater.bin");
        ComputationGraph net = Checkpoints.load(file).model().network();
        assertThat(floats(net.params())).isEqualTo(floats(trained.network().params()));
        assertThat(net.getUpdater().getStateViewArray().sumNumber().doubleValue())
                .isZero();
    }

    @Test
    void trainingContinuesExactlyAsWithoutTheSaveAndLoad(@TempDir Path dir) throws IOException {
        PixelModel straight = NetworkBuilder.build(SMALL, 13, 1e-3);
        straight.fit(new DataSet(BATCH, BATCH));
        Path file = dir.resolve("resume.zip");
        Checkpoints.save(file, straight, HISTORY, true);
        PixelModel resumed = Checkpoints.load(file).model();
        assertSameAfterTwoSteps(straight, resumed);
    }

    /** The app saves a copy taken between iterations: the copy must keep Adam's step count. */
    @Test
    void aCheckpointSavedFromACopyResumesExactlyToo(@TempDir Path dir) throws IOException {
        PixelModel straight = NetworkBuilder.build(SMALL, 14, 1e-3);
        straight.fit(new DataSet(BATCH, BATCH));
        Path file = dir.resolve("copy.zip");
        Checkpoints.save(file, straight.copy(), HISTORY, true);
        assertSameAfterTwoSteps(straight, Checkpoints.load(file).model());
    }

    private static void assertSameAfterTwoSteps(PixelModel straight, PixelModel resumed) {
        DataSet next = new DataSet(TestImages.binary(4, 10, 10, 9), TestImages.binary(4, 10, 10, 9));
        for (PixelModel m : List.of(straight, resumed)) {
            m.setLearningRate(1e-3); // as train --resume and the trainer do
            m.fit(next);
            m.fit(next); // its loss depends on the first step's update, so on Adam's state and step count
        }
        assertThat(resumed.score()).isEqualTo(straight.score());
        assertThat(floats(resumed.network().params()))
                .isEqualTo(floats(straight.network().params()));
        assertThat(floats(resumed.network().getUpdater().getStateViewArray()))
                .isEqualTo(floats(straight.network().getUpdater().getStateViewArray()));
    }

    @Test
    void parametersAreFoundByNameWhateverTheirOrderInTheFile(@TempDir Path dir) throws IOException {
        // a later layer implementation could flatten its parameters differently; files name them
        Map<String, byte[]> entries = CheckpointFiles.entries(good);
        ObjectNode index = (ObjectNode) JSON.readTree(entries.get("parameters.json"));
        ArrayNode params = (ArrayNode) index.get("parameters");
        ByteBuffer bin = ByteBuffer.wrap(entries.get("parameters.bin"));
        ArrayNode reversed = JSON.createArrayNode();
        ByteBuffer out = ByteBuffer.allocate(bin.capacity());
        for (int i = params.size() - 1; i >= 0; i--) {
            ObjectNode p = (ObjectNode) params.get(i).deepCopy();
            long length = Arrays.stream(JSON.convertValue(p.get("shape"), long[].class))
                    .reduce(1, (a, b) -> a * b);
            int from = 4 * p.get("offset").intValue();
            p.put("offset", out.position() / 4);
            out.put(Arrays.copyOfRange(bin.array(), from, from + 4 * (int) length));
            reversed.add(p);
        }
        index.set("parameters", reversed);
        entries.put("parameters.json", JSON.writeValueAsBytes(index));
        entries.put("parameters.bin", out.array());
        Path file = CheckpointFiles.zip(dir.resolve("reversed.zip"), entries);
        assertThat(floats(Checkpoints.load(file).model().network().params()))
                .isEqualTo(floats(trained.network().params()));
    }

    @Test
    void aRenamedParameterInAnOlderFormatIsMigrated(@TempDir Path dir) throws IOException {
        // a synthetic history: format 2 called the first layer first_A, format 3 renamed it conv0_A
        Map<String, byte[]> entries = CheckpointFiles.entries(good);
        String index = new String(entries.get("parameters.json"), StandardCharsets.UTF_8);
        entries.put(
                "parameters.json",
                index.replace("\"conv0_A_W\"", "\"first_A_W\"")
                        .replace("\"conv0_A_b\"", "\"first_A_b\"")
                        .getBytes(StandardCharsets.UTF_8));
        Path file = CheckpointFiles.zip(dir.resolve("renamed.zip"), entries);
        assertThatThrownBy(() -> Checkpoints.load(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("renamed.zip: parameter first_A_W is not part of the network");
        CheckpointFormat three =
                new CheckpointFormat(3, Map.of(2, Map.of("first_A_W", "conv0_A_W", "first_A_b", "conv0_A_b")));
        // with format 3's name map, a format-2 file's old names are read as the new ones
        assertThat(three.migrate("first_A_W", 2)).isEqualTo("conv0_A_W");
        assertThat(three.migrate("first_A_W", 3)).isEqualTo("first_A_W");
        assertThat(floats(Checkpoints.load(file, three).model().network().params()))
                .isEqualTo(floats(trained.network().params()));
    }

    @Test
    void aFileFromANewerFormatIsRefused(@TempDir Path dir) throws IOException {
        Map<String, byte[]> entries = CheckpointFiles.entries(good);
        String spec = new String(entries.get("spec.json"), StandardCharsets.UTF_8);
        entries.put(
                "spec.json", spec.replace("\"format\" : 2", "\"format\" : 3").getBytes(StandardCharsets.UTF_8));
        Path file = CheckpointFiles.zip(dir.resolve("future.zip"), entries);
        assertThatThrownBy(() -> Checkpoints.load(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessage(
                        "future.zip: checkpoint format 3 comes from a newer PixelScope; this one reads formats 1 to 2");
    }

    @Test
    void versionOneFilesStillLoadWithTheirOptimizerStateAndStepCount(@TempDir Path dir) throws IOException {
        Path file = CheckpointFiles.zip(dir.resolve("v1.zip"), CheckpointFiles.legacy(trained, HISTORY, true));
        Checkpoints.Checkpoint loaded = Checkpoints.load(file);
        ComputationGraph net = loaded.model().network();
        assertThat(loaded.history()).isEqualTo(HISTORY);
        assertThat(floats(net.params())).isEqualTo(floats(trained.network().params()));
        assertThat(floats(net.getUpdater().getStateViewArray()))
                .isEqualTo(floats(trained.network().getUpdater().getStateViewArray()));
        assertThat(net.getConfiguration().getIterationCount()).isEqualTo(2);
    }

    /**
     * The shipped model is a format-2 checkpoint with Adam's state and its whole history (nine
     * epochs, a validation NLL after each), and saving it again gives back the same network to the
     * last bit. (Format 1, DL4J's own zip, is checked against DL4J's loader above, on a generated file.)
     */
    @Test
    void theShippedCheckpointLoadsWithItsStateAndHistoryAndSavesBackUnchanged(@TempDir Path dir) throws IOException {
        Path asset = Path.of("assets/models/pixelcnn-chapter.zip");
        try (ZipFile zip = new ZipFile(asset.toFile())) {
            assertThat(zip.getEntry("model.zip"))
                    .as("no DL4J-serialised model inside")
                    .isNull();
            assertThat(zip.getEntry("parameters.bin")).isNotNull();
            assertThat(zip.getEntry("updater.bin")).as("Adam's state is kept").isNotNull();
        }
        long t0 = System.nanoTime();
        Checkpoints.Checkpoint cp = Checkpoints.load(asset);
        System.out.printf("shipped checkpoint loaded in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        PixelModel loaded = cp.model();
        assertThat(loaded.spec()).isEqualTo(PixelCnnSpec.chapter());
        assertThat(cp.history().epochs()).isEqualTo(34);
        assertThat(cp.history().validation()).hasSize(34);
        assertThat(loaded.network().getConfiguration().getIterationCount())
                .isEqualTo(cp.history().iterations());

        Path again = dir.resolve("again.zip");
        Checkpoints.save(again, loaded, cp.history(), true);
        Checkpoints.Checkpoint back = Checkpoints.load(again);
        assertThat(floats(back.model().network().params()))
                .isEqualTo(floats(loaded.network().params()));
        assertThat(floats(back.model().network().getUpdater().getStateViewArray()))
                .isEqualTo(floats(loaded.network().getUpdater().getStateViewArray()));
        INDArray images = TestImages.binary(4, 28, 28, 3);
        assertThat(floats(back.model().probabilities(images))).isEqualTo(floats(loaded.probabilities(images)));
        assertThat(back.history()).isEqualTo(cp.history());
    }

    @Test
    void savingLeavesNoTemporaryFileAndReplacesAnExistingCheckpoint(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run.zip");
        Checkpoints.save(file, trained, HISTORY, true);
        assertThat(names(dir)).containsExactly("run.zip");
        PixelModel other = NetworkBuilder.build(SMALL, 12, 1e-3);
        TrainingHistory otherHistory = TrainingHistory.empty(12);
        Checkpoints.save(file, other, otherHistory, false);
        assertThat(names(dir)).containsExactly("run.zip");
        Checkpoints.Checkpoint loaded = Checkpoints.load(file);
        assertThat(loaded.history()).isEqualTo(otherHistory);
        assertThat(floats(loaded.model().probabilities(BATCH))).isEqualTo(floats(other.probabilities(BATCH)));
    }

    @Test
    void aZipWithoutSpecJsonNamesTheMissingPart(@TempDir Path dir) throws IOException {
        Map<String, byte[]> entries = CheckpointFiles.entries(good);
        entries.remove("spec.json");
        Path file = CheckpointFiles.zip(dir.resolve("nospec.zip"), entries);
        assertThatThrownBy(() -> Checkpoints.load(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessage("nospec.zip: not a PixelScope checkpoint (no spec.json inside)");
    }

    @Test
    void anUnknownModelKindIsNamed(@TempDir Path dir) throws IOException {
        Map<String, byte[]> entries = CheckpointFiles.entries(good);
        String spec = new String(entries.get("spec.json"), StandardCharsets.UTF_8);
        entries.put(
                "spec.json",
                spec.replace("\"kind\" : \"pixelcnn\"", "\"kind\" : \"wavenet\"")
                        .getBytes(StandardCharsets.UTF_8));
        Path file = CheckpointFiles.zip(dir.resolve("wavenet.zip"), entries);
        assertThatThrownBy(() -> Checkpoints.load(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("wavenet.zip")
                .hasMessageContaining("unknown model kind 'wavenet'");
    }

    @Test
    void aSpecThatDoesNotDescribeTheWeightsIsRejected(@TempDir Path dir) throws IOException {
        // spec.json says 2 hidden layers of 32 filters; the weights are for 5 of 64
        Map<String, byte[]> entries = CheckpointFiles.entries(good);
        PixelCnnSpec wrong = new PixelCnnSpec(SMALL.name(), SMALL.description(), 10, 10, 32, 7, 2, 3, false);
        ObjectNode spec = (ObjectNode) JSON.readTree(ModelSpecs.toJson(wrong));
        spec.put("format", 2);
        entries.put("spec.json", JSON.writeValueAsBytes(spec));
        Path file = CheckpointFiles.zip(dir.resolve("mismatch.zip"), entries);
        assertThatThrownBy(() -> Checkpoints.load(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessage("mismatch.zip: parameter conv0_A_W has shape [7, 7, 1, 64] in the file but [7, 7, 1, 32] "
                        + "in the network spec.json describes");
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
        assertThatThrownBy(() -> Checkpoints.save(notAFolder.resolve("run.zip"), trained, HISTORY, false))
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
        assertThatThrownBy(() -> Checkpoints.save(target, trained, HISTORY, false))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("nothing was overwritten");
        assertThat(Files.readString(target.resolve("inside.txt"))).isEqualTo("still here");
        assertThat(names(dir)).containsExactly("run.zip");
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
