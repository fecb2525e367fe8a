package org.pixelscope.ui.sample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.train.ShippedModels;
import org.pixelscope.ui.DemoControls;

/**
 * Where the Sample view's second model comes from: nothing (one model), a shipped checkpoint,
 * a new untrained network of a registered spec (enough to show the field of its family), or a
 * checkpoint file the user chose.
 *
 * <p>Thread: immutable.
 */
sealed interface CompareSource {

    /** What the "Compare with" list shows; also the model's caption before it is loaded. */
    String label();

    /** One model, no comparison. */
    record None() implements CompareSource {
        @Override
        public String label() {
            return "None (one model)";
        }
    }

    /** A pretrained checkpoint the app ships ({@link ShippedModels}). */
    record Shipped(ShippedModels.Shipped model) implements CompareSource {
        @Override
        public String label() {
            return "Pretrained: " + model.label();
        }
    }

    /** A network for a registered spec with the session's seed for new models, untrained. */
    record Untrained(ModelSpec spec) implements CompareSource {
        @Override
        public String label() {
            return "New: " + spec.name() + " (untrained)";
        }
    }

    /** A checkpoint file. */
    record Checkpoint(Path file) implements CompareSource {
        @Override
        public String label() {
            return String.valueOf(file.getFileName());
        }
    }

    /**
     * The source called {@code name}: null for none, "shipped" for the chapter PixelCNN's
     * pretrained checkpoint, "shipped:NAME" for the pretrained checkpoint of model NAME, else a new
     * untrained network of the registered spec of that name.
     *
     * @throws IllegalArgumentException for a name no spec has (the message lists the names), or
     *     a model without a shipped checkpoint
     */
    static CompareSource named(String name) {
        if (name == null) {
            return new None();
        }
        if (name.equals(DemoControls.SHIPPED) || name.startsWith(DemoControls.SHIPPED + ":")) {
            String model = name.equals(DemoControls.SHIPPED)
                    ? PixelCnnSpec.chapter().name()
                    : name.substring(DemoControls.SHIPPED.length() + 1);
            return new Shipped(ShippedModels.of(model)
                    .orElseThrow(() -> new IllegalArgumentException("no pretrained " + model + " is shipped")));
        }
        return new Untrained(ModelSpecs.require(name));
    }

    /** The list a picker offers, in order: none, every shipped checkpoint, then every registered spec. */
    static List<CompareSource> offered() {
        List<CompareSource> out = new ArrayList<>();
        out.add(new None());
        ShippedModels.all().forEach(s -> out.add(new Shipped(s)));
        for (ModelSpec spec : ModelSpecs.all()) {
            out.add(new Untrained(spec));
        }
        return out;
    }
}
