package org.pixelscope.train;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The versions of the checkpoint file and how names move between them.
 *
 * <p>Version 1 (no {@code "format"} in spec.json): {@code spec.json}, {@code training.json} and
 * {@code model.zip}, DL4J's own network zip ({@code configuration.json}, {@code coefficients.bin},
 * optionally {@code updaterState.bin}). Read, never written.
 *
 * <p>Version 2: {@code spec.json} with {@code "format": 2}, {@code training.json},
 * {@code parameters.json} (the index: each parameter's name, shape and offset), {@code parameters.bin}
 * and optionally {@code updater.bin} ({@link ParameterFiles} describes the bytes).
 *
 * <p>A version-2 file names each parameter ({@code conv0_A_W}, built from
 * {@link org.pixelscope.model.LayerNames}). When a later version renames a layer, {@link #renames}
 * maps the names of each older version to those of the next one, and loading an old file applies
 * the maps in turn, from its version up to {@link #version}. Version 1 stores one flat vector, so it
 * has no names to rename; it depends on the layers' flattening order, which has not changed since.
 *
 * @param version the version this PixelScope writes and the newest it reads
 * @param renames for a version v, old parameter name to its name in version v + 1
 */
record CheckpointFormat(int version, Map<Integer, Map<String, String>> renames) {

    /** The format this PixelScope writes. No layer has been renamed yet. */
    static final CheckpointFormat CURRENT = new CheckpointFormat(2, Map.of());

    static final String SPEC = "spec.json";
    static final String TRAINING = "training.json";
    /** Version 1: DL4J's network zip. */
    static final String MODEL = "model.zip";
    /** Version 2: the parameter index, the parameters, and the optimizer's state. */
    static final String INDEX = "parameters.json";

    static final String PARAMETERS = "parameters.bin";
    static final String UPDATER = "updater.bin";
    /** The field of spec.json that holds the version. */
    static final String FORMAT_FIELD = "format";

    CheckpointFormat {
        renames = Map.copyOf(renames);
    }

    /** The entries a file of {@code version} must hold. */
    static Set<String> requiredEntries(int version) {
        return version == 1 ? Set.of(SPEC, TRAINING, MODEL) : Set.of(SPEC, TRAINING, INDEX, PARAMETERS);
    }

    /** The entries a file of {@code version} may hold besides the required ones. */
    static Set<String> optionalEntries(int version) {
        return version == 1 ? Set.of() : Set.of(UPDATER);
    }

    /** Every entry name any version uses, in the order error messages list them. */
    static List<String> knownEntries() {
        return List.of(SPEC, TRAINING, INDEX, PARAMETERS, UPDATER, MODEL);
    }

    /** The name a parameter stored under {@code name} in a file of {@code fileVersion} has now. */
    String migrate(String name, int fileVersion) {
        String current = name;
        for (int v = fileVersion; v < version; v++) {
            current = renames.getOrDefault(v, Map.of()).getOrDefault(current, current);
        }
        return current;
    }
}
