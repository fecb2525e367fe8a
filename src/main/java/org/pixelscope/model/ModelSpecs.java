package org.pixelscope.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of named specs and their JSON form, both drawn from {@link ModelFamilies}: each
 * family brings its named specs and the {@code "kind"} its spec record is written under. The
 * registry is a constant: user-trained variants travel inside checkpoints, not here.
 */
public final class ModelSpecs {

    private static final List<String> KINDS =
            ModelFamilies.all().stream().map(ModelFamily::kind).toList();

    private static final ObjectMapper JSON = mapper();

    private static final Map<String, ModelSpec> REGISTRY = registry();

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

    /** The {@code "kind"} names JSON may use, one per family, in registry order. */
    public static List<String> kinds() {
        return KINDS;
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

    /** Each family's spec record under its {@code "kind"}: the names every checkpoint's spec.json uses. */
    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        for (ModelFamily<?> family : ModelFamilies.all()) {
            mapper.registerSubtypes(new NamedType(family.specType(), family.kind()));
        }
        return mapper;
    }

    private static Map<String, ModelSpec> registry() {
        Map<String, ModelSpec> map = new LinkedHashMap<>();
        for (ModelFamily<?> family : ModelFamilies.all()) {
            for (ModelSpec spec : family.namedSpecs()) {
                if (map.put(spec.name(), spec) != null) {
                    throw new IllegalStateException("two registered specs are called " + spec.name());
                }
            }
        }
        return map;
    }
}
