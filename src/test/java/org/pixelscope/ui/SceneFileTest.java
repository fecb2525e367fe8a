package org.pixelscope.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scene files: a round trip, relative checkpoints, and files that must be refused with a reason. */
class SceneFileTest {

    @TempDir
    Path dir;

    private static SceneFile.Scene scene(String checkpoint, double zoom, double temperature) {
        return scene(checkpoint, zoom, temperature, 0.8);
    }

    private static SceneFile.Scene scene(String checkpoint, double zoom, double temperature, double speed) {
        return new SceneFile.Scene(
                SceneFile.FORMAT,
                checkpoint,
                null,
                "masks",
                "dark",
                zoom,
                new SceneFile.Sample(9, 11, temperature, speed, true, 42, 10, 3, 300, 7),
                new SceneFile.Masks(14, 13, 7, "conv0_A", 5));
    }

    @Test
    void aSceneReadsBackAsWrittenWithItsCheckpointRelative() throws IOException {
        Path cp = Files.createDirectories(dir.resolve("models")).resolve("m.zip");
        Path file = dir.resolve("demo." + SceneFile.EXTENSION);
        SceneFile.Scene s = scene(SceneFile.relative(file, cp), 1.5, 0.8);
        SceneFile.write(file, s);

        SceneFile.Scene back = SceneFile.read(file);
        assertThat(back).isEqualTo(s);
        assertThat(back.checkpoint()).isEqualTo(Path.of("models", "m.zip").toString());
        assertThat(SceneFile.checkpoint(file, back))
                .isEqualTo(cp.toAbsolutePath().normalize());
        // a checkpoint elsewhere stays absolute
        Path other = Path.of("/elsewhere/x.zip");
        assertThat(SceneFile.relative(file, other)).isEqualTo(other.toString());
    }

    @Test
    void hostileOrBrokenFilesAreRefusedWithTheirReason() throws IOException {
        Path big = dir.resolve("big.json");
        Files.write(big, new byte[SceneFile.MAX_BYTES + 1]);
        assertThatThrownBy(() -> SceneFile.read(big)).hasMessageContaining("larger than 64 KiB");

        Path garbage = dir.resolve("g.json");
        Files.writeString(garbage, "{not json", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SceneFile.read(garbage)).hasMessageContaining("not a PixelScope scene");

        Path future = dir.resolve("f.json");
        Files.writeString(future, "{\"format\": 9, \"model\": \"pixelcnn-chapter\", \"zoom\": 1}");
        assertThatThrownBy(() -> SceneFile.read(future)).hasMessageContaining("scene format 9");

        Path hot = dir.resolve("t.json");
        SceneFile.write(hot, scene("m.zip", 1, 1e9));
        assertThatThrownBy(() -> SceneFile.read(hot)).hasMessageContaining("temperature");

        Path fast = dir.resolve("s.json");
        SceneFile.write(fast, scene("m.zip", 1, 1, 200));
        assertThatThrownBy(() -> SceneFile.read(fast))
                .as("pixels per second where the slider's position belongs")
                .hasMessageContaining("speed 200.0 is outside 0 to 1");

        Path zoom = dir.resolve("z.json");
        SceneFile.write(zoom, scene("m.zip", 40, 1));
        assertThatThrownBy(() -> SceneFile.read(zoom)).hasMessageContaining("zoom 40");

        Path digit = dir.resolve("d.json");
        Files.writeString(
                digit,
                "{\"format\": 1, \"model\": \"pixelcnn-chapter\", \"zoom\": 1, \"sample\": {\"count\": 4,"
                        + " \"seed\": 1, \"temperature\": 1, \"speed\": 0.5, \"digit\": -7}}");
        assertThatThrownBy(() -> SceneFile.read(digit)).hasMessageContaining("digit -7 is outside -1");

        Path nothing = dir.resolve("n.json");
        SceneFile.write(nothing, scene(null, 1, 1));
        assertThatThrownBy(() -> SceneFile.read(nothing)).hasMessageContaining("neither a checkpoint nor a model");
    }

    @Test
    void aClassNameInTheFileIsNeverActedOn() throws IOException {
        Path f = dir.resolve("c.json");
        Files.writeString(
                f,
                "{\"format\": 1, \"model\": \"pixelcnn-chapter\", \"zoom\": 1, "
                        + "\"@class\": \"java.lang.ProcessBuilder\", \"sample\": {\"@class\": \"java.io.File\", "
                        + "\"count\": 4, \"seed\": 1, \"temperature\": 1, \"speed\": 0.5}}");
        SceneFile.Scene s = SceneFile.read(f);
        assertThat(s.model()).isEqualTo("pixelcnn-chapter");
        assertThat(s.sample().count()).isEqualTo(4);
        assertThat(s.sample().digit())
                .as("a scene saved before digits were kept")
                .isNull();
    }
}
