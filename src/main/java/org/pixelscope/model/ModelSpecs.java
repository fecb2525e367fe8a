package org.pixelscope.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of named specs and their JSON form. The registry is a constant: user-trained
 * variants travel inside checkpoints, not here.
 */
public final class ModelSpecs {

    private static final List<String> KINDS = List.of(
            PixelCnnSpec.KIND, GatedPixelCnnSpec.KIND, RasterLstmSpec.KIND, RowLstmSpec.KIND, DiagonalBiLstmSpec.KIND);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final Map<String, ModelSpec> REGISTRY = registry(List.of(
            PixelCnnSpec.chapter(),
            new PixelCnnSpec(
                    "pixelcnn-residual",
                    "Residual PixelCNN: the chapter's layers with a skip connection around each mask-B conv",
                    28,
                    28,
                    64,
                    7,
                    5,
                    3,
                    true),
            GatedPixelCnnSpec.standard(),
            RasterLstmSpec.standard(),
            RowLstmSpec.standard(),
            DiagonalBiLstmSpec.standard()));

    private ModelSpecs() {}

    /** All registered specs, in the order pickers show them. */
    public static List<ModelSpec> all() {
        return List.copyOf(REGISTRY.values());
    }

    public static Optional<ModelSpec> find(String name) {
        return Optional.ofNullable(REGISTRY.get(name));
    }

    /** The spec with this name, or an error that lists the names that exist. */
    public static ModelSpec require(String name) {
        return find(name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown model '" + name + "'; known models: " + String.join(", ", REGISTRY.keySet())));
    }

    public static String toJson(ModelSpec spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write spec " + spec.name(), e);
        }
    }

    /** Reads a spec; an unknown {@code kind} or a malformed document is an IllegalArgumentException. */
    public static ModelSpec fromJson(String json) {
        try {
            return JSON.readValue(json, ModelSpec.class);
        } catch (InvalidTypeIdException e) {
            if (e.getTypeId() == null) {
                throw new IllegalArgumentException(
                        "the model spec names no \"kind\" (one of: " + String.join(", ", KINDS) + ")", e);
            }
            throw new IllegalArgumentException(
                    "unknown model kind '" + e.getTypeId() + "' (this PixelScope knows: " + String.join(", ", KINDS)
                            + ")",
                    e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed model spec: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, ModelSpec> registry(List<ModelSpec> specs) {
        Map<String, ModelSpec> map = new LinkedHashMap<>();
        specs.forEach(s -> map.put(s.name(), s));
        return map;
    }
}
