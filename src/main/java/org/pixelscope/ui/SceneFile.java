package org.pixelscope.ui;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.pixelscope.data.AtomicFiles;
import org.pixelscope.model.GatedPixelCnnSpec;

/**
 * A demo prepared once and opened in class: which model (a checkpoint, stored relative to the
 * scene file when it lies beside it, or a registered model's name for an untrained one), the view,
 * theme and zoom, and each view's state (the sample's count, seed, temperature, speed, completion
 * and step position; the masks view's clicked pixel, layer and kernel). A small JSON file; opening
 * one is safe: it is at most {@value #MAX_BYTES} bytes, names no class, and every value is checked
 * against the range the app accepts before anything changes.
 *
 * <p>Thread: any; file I/O, so a worker.
 */
public final class SceneFile {

    /** Far more than a scene needs (about 600 bytes); a larger file is not a scene. */
    public static final int MAX_BYTES = 64 * 1024;

    public static final int FORMAT = 1;

    /** File-name extension the dialogs offer. */
    public static final String EXTENSION = "pixelscope-scene";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private SceneFile() {}

    /**
     * The state of a demo.
     *
     * @param format     {@link #FORMAT}
     * @param checkpoint a checkpoint's path, relative to the scene's folder when inside it; null for an untrained model
     * @param model      a registered model's name, used when {@code checkpoint} is null
     * @param view       the selected view's title in lower case ({@code sample}, {@code masks}, ...)
     * @param theme      a {@link Theme#key()}
     * @param zoom       the zoom, 1 = 100%
     * @param sample     the sample view's state
     * @param masks      the masks view's state
     */
    public record Scene(
            int format,
            String checkpoint,
            String model,
            String view,
            String theme,
            double zoom,
            Sample sample,
            Masks masks) {}

    /**
     * The sample view's state; {@code speed} is the speed slider's position, 0 to 1 (one pixel a
     * second to a thousand on a log scale, 1 as fast as possible), {@code position} the number of
     * pixels shown per image, and
     * {@code digit} the digit a class-conditional model draws (null or -1: every digit, a row
     * each; absent from scenes saved before it was kept). A file's digit must lie below the most
     * classes a model can have ({@link GatedPixelCnnSpec#MAX_CLASSES}); one the opened model has
     * no class for (a scene edited by hand) draws every digit.
     */
    public record Sample(
            int count,
            long seed,
            double temperature,
            double speed,
            boolean completion,
            int testImage,
            int keptRows,
            int selectedImage,
            int position,
            Integer digit) {}

    /** The masks view's clicked pixel, the layer drawn large, and the kernel on show. */
    public record Masks(int row, int col, int layer, String kernelLayer, int outChannel) {}

    /** Writes {@code scene} atomically. */
    public static void write(Path file, Scene scene) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(scene);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * Reads and checks a scene.
     *
     * @throws IOException with a message naming the file and what is wrong with it
     */
    public static Scene read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": not a file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException(file + ": larger than " + MAX_BYTES / 1024 + " KiB, so not a PixelScope scene");
        }
        Scene s;
        try {
            s = JSON.readValue(new String(bytes, StandardCharsets.UTF_8), Scene.class);
        } catch (IOException e) {
            throw new IOException(file + ": not a PixelScope scene (" + firstLine(e.getMessage()) + ")");
        }
        if (s == null || s.format() != FORMAT) {
            throw new IOException(file + ": scene format " + (s == null ? "missing" : s.format())
                    + ", this PixelScope reads " + FORMAT);
        }
        check(file, s);
        return s;
    }

    /** The checkpoint a scene names, resolved against the scene's folder. */
    public static Path checkpoint(Path sceneFile, Scene scene) {
        Path p = Path.of(scene.checkpoint());
        return p.isAbsolute()
                ? p
                : sceneFile.toAbsolutePath().getParent().resolve(p).normalize();
    }

    /** How to store {@code checkpoint} in a scene saved as {@code sceneFile}: relative when beside or below it. */
    public static String relative(Path sceneFile, Path checkpoint) {
        Path dir = sceneFile.toAbsolutePath().getParent();
        Path cp = checkpoint.toAbsolutePath().normalize();
        return cp.startsWith(dir) ? dir.relativize(cp).toString() : cp.toString();
    }

    private static void check(Path file, Scene s) throws IOException {
        if (s.checkpoint() == null && s.model() == null) {
            throw bad(file, "it names neither a checkpoint nor a model");
        }
        if (!(s.zoom() >= ZoomPane.MIN && s.zoom() <= ZoomPane.MAX)) {
            throw bad(
                    file,
                    String.format(Locale.ROOT, "zoom %s is outside %s to %s", s.zoom(), ZoomPane.MIN, ZoomPane.MAX));
        }
        Sample p = s.sample();
        if (p != null) {
            range(file, "sample count", p.count(), 1, 64);
            range(file, "seed", p.seed(), Integer.MIN_VALUE, Integer.MAX_VALUE);
            range(file, "test image", p.testImage(), 0, 1_000_000);
            range(file, "kept rows", p.keptRows(), 0, 4096);
            range(file, "selected image", p.selectedImage(), 0, 63);
            range(file, "position", p.position(), 0, 4096 * 4096);
            if (p.digit() != null) {
                range(file, "digit", p.digit(), -1, GatedPixelCnnSpec.MAX_CLASSES - 1);
            }
            if (!(p.temperature() > 0 && p.temperature() <= 100)) {
                throw bad(file, "temperature " + p.temperature() + " is outside (0, 100]");
            }
            if (!(p.speed() >= 0 && p.speed() <= 1)) {
                throw bad(
                        file,
                        "speed " + p.speed() + " is outside 0 to 1 (the speed slider's position: 0 is one pixel"
                                + " a second, 1 as fast as possible)");
            }
        }
        Masks m = s.masks();
        if (m != null) {
            range(file, "masks row", m.row(), 0, 4095);
            range(file, "masks column", m.col(), 0, 4095);
            range(file, "masks layer", m.layer(), 0, 1000);
            range(file, "output channel", m.outChannel(), 0, 100_000);
        }
    }

    private static void range(Path file, String what, long v, long min, long max) throws IOException {
        if (v < min || v > max) {
            throw bad(file, String.format(Locale.ROOT, "%s %,d is outside %,d to %,d", what, v, min, max));
        }
    }

    private static IOException bad(Path file, String why) {
        return new IOException(file + ": not a usable scene: " + why);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
