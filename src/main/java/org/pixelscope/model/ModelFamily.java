package org.pixelscope.model;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

/**
 * Everything PixelScope knows about one architecture, in one place: its spec type and the
 * {@code "kind"} that names it in JSON, the named specs it offers, how its layers are built, and
 * the words the masks view uses to explain it. {@link ModelFamilies} lists the families; what
 * reads masks asks the layers ({@link MaskedLayer}), not the family. The sampling layer, which
 * this package may not know, keeps its own list of which fast sampler serves which spec type.
 *
 * <p>Thread: implementations are stateless.
 *
 * @param <S> the family's spec record
 */
public interface ModelFamily<S extends ModelSpec> {

    /** The spec's {@code "kind"} in JSON. Persisted in every checkpoint: never renamed. */
    String kind();

    /** The spec record this family builds. */
    Class<S> specType();

    /** The specs the registry offers by name, in the order pickers show them. */
    List<S> namedSpecs();

    /**
     * Adds the family's layers to a graph whose input vertex {@link LayerNames#INPUT} is in place
     * ({@code [N, 1, H, W]}), and returns the name of the layer that gives p(x=1) per pixel,
     * {@code [N, 1, H, W]}, or for a spec with K grey levels the K logits per pixel; its last layer
     * is {@link LevelOutput}'s. {@link NetworkBuilder} adds the loss layer after it. A conditional spec
     * ({@link ModelSpec#classes()} > 0) also finds the input {@link LayerNames#LABEL} in place.
     */
    String addLayers(ComputationGraphConfiguration.GraphBuilder graph, S spec);

    /**
     * Why the model's output never sees some of the pixels before the one it predicts, in the
     * family's terms; the masks view's caption ends with it whenever a blind spot exists.
     */
    default String unseenPixels(S spec) {
        return "its layers do not reach them.";
    }

    /**
     * What to say in place of the mask grids when the model has no raster-masked kernel, or
     * nothing to let the view say that it has no masks.
     */
    default Optional<String> withoutRasterMasks() {
        return Optional.empty();
    }
}
