package org.pixelscope.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.pixelscope.data.Assets;
import org.pixelscope.data.GreyLevels;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.ModelSpecs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pretrained checkpoints shipped in {@code assets/models/}, as listed by its {@code
 * catalog.json}: for each, the file, the registered model it holds, its test NLL (the full
 * 10,000-image MNIST test set with the fixed binarisation, measured by {@code eval} when it was
 * shipped) and, for a class-conditional model, its test accuracy as a classifier; for a grey-level
 * model its levels K ({@code "levels"}, 2 when absent), whose NLL is over K-level pixels and so
 * compares only with models of the same K. The catalog lets the model picker list the checkpoints
 * with their NLL, and the app open on the best binary one, without loading every network first.
 *
 * <p>The catalog is read like any file: at most {@value #MAX_BYTES} bytes and {@value
 * #MAX_ENTRIES} entries, file names without folders, models that the registry knows, finite
 * NLLs; an entry whose checkpoint is missing is left out.
 *
 * <p>Thread: any; stateless.
 */
public final class ShippedModels {

    private static final Logger LOG = LoggerFactory.getLogger(ShippedModels.class);

    /** The catalog's place under {@code assets/}. */
    public static final String CATALOG = "models/catalog.json";

    static final int MAX_BYTES = 64 * 1024;
    static final int MAX_ENTRIES = 64;

    /** Natural logarithm of 2, to turn nats per image into bits per pixel. */
    private static final double LN2 = Math.log(2);

    /**
     * One shipped checkpoint.
     *
     * @param model    the registered model name (its spec), e.g. {@code pixelcnn-gated}
     * @param testNll  test-set NLL in nats per image; for a class-conditional model the NLL with
     *     the label unknown, -log sum_y p(y) p(x | y), so that it compares with the others
     * @param epochs   epochs it was trained for
     * @param accuracy a class-conditional model's test accuracy as a classifier (0-1), else NaN
     * @param levels   grey levels K of its pixels, 2 for a binary model
     * @param path     the checkpoint file
     */
    public record Shipped(String model, double testNll, int epochs, double accuracy, int levels, Path path) {

        /** Whether it models binary pixels, the models whose NLLs the paper's table and each other compare with. */
        public boolean binary() {
            return levels == GreyLevels.MIN;
        }

        /** Bits per pixel of {@link #testNll} for images of {@code pixels} pixels. */
        public double bitsPerDim(int pixels) {
            return testNll / (pixels * LN2);
        }

        /**
         * How pickers show it: {@code pixelcnn-gated · 88.12 nats}, and a classifier's accuracy:
         * {@code pixelcnn-gated-conditional · 88.80 nats · 97.1% digits right}, and a grey-level
         * model's K: {@code pixelcnn-gated · 4 grey levels · 180.20 nats}.
         */
        public String label() {
            String name = binary() ? model : model + " · " + levels + " grey levels";
            String nll = String.format(java.util.Locale.ROOT, "%s · %.2f nats", name, testNll);
            return Double.isNaN(accuracy)
                    ? nll
                    : nll + String.format(java.util.Locale.ROOT, " · %.1f%% digits right", 100 * accuracy);
        }
    }

    private ShippedModels() {}

    /**
     * The shipped checkpoints, by family (the registry's order) and then by NLL; empty without a
     * catalog, or with one that cannot be read (logged: a broken installation, and the app still
     * opens checkpoints with File > Open).
     */
    public static List<Shipped> all() {
        Path catalog = Assets.find(CATALOG);
        if (!Files.isRegularFile(catalog)) {
            return List.of();
        }
        try {
            return read(catalog);
        } catch (IOException | RuntimeException e) {
            LOG.warn("The list of shipped models {} cannot be read: {}", catalog, e.getMessage());
            return List.of();
        }
    }

    /** The binary shipped checkpoint with the lowest test NLL (a grey-level model's NLL does not compare). */
    public static Optional<Shipped> best() {
        return all().stream().filter(Shipped::binary).min(Comparator.comparingDouble(Shipped::testNll));
    }

    /** The shipped binary checkpoint of the model called {@code model}. */
    public static Optional<Shipped> of(String model) {
        return all().stream().filter(s -> s.binary() && s.model().equals(model)).findFirst();
    }

    /** Whether {@code file} is one of the shipped checkpoints. */
    public static boolean isShipped(Path file) {
        if (file == null) {
            return false;
        }
        Path f = file.toAbsolutePath().normalize();
        return all().stream()
                .anyMatch(s -> s.path().toAbsolutePath().normalize().equals(f));
    }

    /** Reads and checks {@code catalog}; the checkpoints are looked up beside it. */
    static List<Shipped> read(Path catalog) throws IOException {
        JsonNode root;
        try (InputStream in = new CappedStream(Files.newInputStream(catalog), MAX_BYTES, "the model catalog")) {
            root = new ObjectMapper().readTree(in);
        }
        JsonNode models = root == null ? null : root.get("models");
        if (models == null || !models.isArray()) {
            throw new IOException("it has no \"models\" list");
        }
        if (models.size() > MAX_ENTRIES) {
            throw new IOException("it lists " + models.size() + " models, more than " + MAX_ENTRIES);
        }
        List<Shipped> out = new ArrayList<>();
        for (JsonNode m : models) {
            String file = m.path("file").asText("");
            String name = m.path("model").asText("");
            double nll = m.path("test_nll_nats").asDouble(Double.NaN);
            int epochs = m.path("epochs").asInt(-1);
            double accuracy = m.has("test_accuracy") ? m.get("test_accuracy").asDouble(-1) : Double.NaN;
            JsonNode levelsNode = m.get("levels");
            if (levelsNode != null && !levelsNode.isInt()) {
                throw new IOException("the entry for " + file + " has levels " + levelsNode + ", not a whole number");
            }
            int levels = levelsNode == null ? GreyLevels.MIN : levelsNode.intValue();
            if (!file.matches("[A-Za-z0-9._-]{1,100}\\.zip") || file.startsWith(".")) {
                throw new IOException("\"" + file + "\" is not a checkpoint file name in its folder");
            }
            if (ModelSpecs.find(name).isEmpty()) {
                throw new IOException("model \"" + name + "\" is not one PixelScope knows");
            }
            if (!Double.isFinite(nll) || nll <= 0 || epochs < 0) {
                throw new IOException("the entry for " + file + " needs a positive test_nll_nats and epochs");
            }
            if (!Double.isNaN(accuracy) && !(accuracy >= 0 && accuracy <= 1)) {
                throw new IOException("the entry for " + file + " has a test_accuracy outside 0-1");
            }
            if (levels < GreyLevels.MIN || levels > GreyLevels.MAX) {
                throw new IOException("the entry for " + file + " has levels " + levels + ", outside " + GreyLevels.MIN
                        + "-" + GreyLevels.MAX);
            }
            Path path = catalog.resolveSibling(file);
            if (Files.isRegularFile(path)) {
                out.add(new Shipped(name, nll, epochs, accuracy, levels, path));
            }
        }
        List<String> order = ModelSpecs.all().stream().map(ModelSpec::name).toList();
        out.sort(Comparator.comparingInt((Shipped s) -> order.indexOf(s.model()))
                .thenComparingInt(Shipped::levels)
                .thenComparingDouble(Shipped::testNll));
        return List.copyOf(out);
    }
}
