package org.pixelscope.ui.sample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.ModelSpecs;

/**
 * Where the Sample view's second model comes from: nothing (one model), the shipped checkpoint,
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

    /** The pretrained checkpoint the app ships and opens on. */
    record Shipped() implements CompareSource {
        @Override
        public String label() {
            return "Pretrained: pixelcnn-chapter (shipped)";
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
     * The source called {@code name}: null for none, "shipped" for the pretrained checkpoint, else
     * a new untrained network of the registered spec of that name.
     *
     * @throws IllegalArgumentException for a name no spec has (the message lists the names)
     */
    static CompareSource named(String name) {
        if (name == null) {
            return new None();
        }
        return name.equals("shipped") ? new Shipped() : new Untrained(ModelSpecs.require(name));
    }

    /** The list a picker offers, in order: none, shipped, then every registered spec. */
    static List<CompareSource> offered() {
        List<CompareSource> out = new ArrayList<>();
        out.add(new None());
        out.add(new Shipped());
        for (ModelSpec spec : ModelSpecs.all()) {
            out.add(new Untrained(spec));
        }
        return out;
    }
}
