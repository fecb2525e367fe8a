package org.pixelscope.model;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

/**
 * The registered model families: the one list a new family is added to. The spec registry
 * ({@link ModelSpecs}: named specs, the JSON {@code "kind"}s) and the network builder read it.
 * The order is the order of pickers and of the kinds in messages.
 *
 * <p>Thread: immutable.
 */
public final class ModelFamilies {

    private static final List<ModelFamily<?>> ALL = List.of(
            new PixelCnnFamily(),
            new GatedPixelCnnFamily(),
            new RasterLstmFamily(),
            new RowLstmFamily(),
            new DiagonalBiLstmFamily());

    private ModelFamilies() {}

    public static List<ModelFamily<?>> all() {
        return ALL;
    }

    /** The family of a spec; a spec type no family registers is an IllegalArgumentException. */
    public static ModelFamily<?> of(ModelSpec spec) {
        for (ModelFamily<?> family : ALL) {
            if (family.specType() == spec.getClass()) {
                return family;
            }
        }
        throw new IllegalArgumentException(
                "no model family is registered for " + spec.getClass().getSimpleName() + " (ModelFamilies lists them)");
    }

    /** {@link ModelFamily#addLayers} of the spec's family. */
    static String addLayers(ComputationGraphConfiguration.GraphBuilder graph, ModelSpec spec) {
        return addLayers(of(spec), graph, spec);
    }

    /** {@link ModelFamily#unseenPixels} of the spec's family. */
    public static String unseenPixels(ModelSpec spec) {
        return unseenPixels(of(spec), spec);
    }

    private static <S extends ModelSpec> String addLayers(
            ModelFamily<S> family, ComputationGraphConfiguration.GraphBuilder graph, ModelSpec spec) {
        return family.addLayers(graph, family.specType().cast(spec));
    }

    private static <S extends ModelSpec> String unseenPixels(ModelFamily<S> family, ModelSpec spec) {
        return family.unseenPixels(family.specType().cast(spec));
    }
}
