package org.pixelscope.model;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a network is, independent of its weights: enough to rebuild the same DL4J network.
 * Specs are records, written to JSON with a {@code "kind"} field naming the architecture
 * ({@link ModelSpecs#toJson}); a checkpoint stores its spec beside the weights. Each spec record
 * belongs to one {@link ModelFamily}; {@link ModelFamilies} registers the families, and with them
 * the {@code "kind"} names JSON may use.
 *
 * <p>Every architecture models images of {@code height x width} pixels as a product of
 * conditionals in raster order. Binary images ({@link #levels()} = 2, every family): its output for
 * pixel k is p(x_k = 1 | x_0 .. x_{k-1}), a Bernoulli. K grey levels (the PixelCNN families): its
 * output for pixel k is the categorical p(x_k = v | x_0 .. x_{k-1}) over v = 0..K-1, a softmax
 * ({@link LevelOutput}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
public interface ModelSpec {

    /** Registry name, e.g. {@code pixelcnn-chapter}. */
    String name();

    /** Image height in pixels. */
    int height();

    /** Image width in pixels. */
    int width();

    /** The same architecture for another image size (tests run causality checks on 10x10). */
    ModelSpec withSize(int height, int width);

    /**
     * How many rows above a pixel's row its output can depend on, or {@link #height()} when the
     * context is unbounded. The cropped sampler runs only these rows.
     */
    int contextRows();

    /** One line for pickers and {@code summary --list}. */
    String description();

    /**
     * How many class labels the model is conditioned on: 0 for a model of p(x); {@code C > 0} for
     * p(x | y) with y in 0..C-1, whose network reads the label as a second input
     * ({@link LayerNames#LABEL}) and which {@link PixelModel#given} binds to labels.
     */
    default int classes() {
        return 0;
    }

    /**
     * Grey levels K of a pixel: 2 for binary pixels (a sigmoid per pixel), more for a K-way softmax
     * per pixel. The input stays one channel, level l fed as {@code l / (K - 1)}.
     */
    default int levels() {
        return 2;
    }

    /** Whether the family offers K &gt; 2 grey levels ({@link #withLevels}): the PixelCNNs do. */
    default boolean offersGreyLevels() {
        return false;
    }

    /**
     * The same architecture with {@code levels} grey levels. Only the families whose output can be a
     * softmax offer K &gt; 2; the rest refuse with a message a user can act on.
     */
    default ModelSpec withLevels(int levels) {
        if (levels == levels()) {
            return this;
        }
        throw new IllegalArgumentException("grey levels are available on the PixelCNN families (pixelcnn-chapter,"
                + " pixelcnn-residual, pixelcnn-gated, pixelcnn-gated-conditional); " + name()
                + " models binary pixels only");
    }
}
