package org.pixelscope.sample;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.pixelscope.model.DiagonalBiLstmSpec;
import org.pixelscope.model.GatedPixelCnnSpec;
import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.model.RasterLstmSpec;
import org.pixelscope.model.RowLstmSpec;

/**
 * Which exact fast sampler serves which model family: the one line a family with a cache or a
 * step form adds in the sampling layer (the model layer, which lists the families, may not know
 * the samplers). A family without a line samples with {@link SamplerKind#CROPPED}. The first
 * line that serves a spec is its fastest sampler.
 *
 * <p>Thread: immutable.
 */
final class FastSamplers {

    /** A sampler of {@code kind} for the specs of one record type. */
    record Entry(SamplerKind kind, Class<? extends ModelSpec> specType, Function<PixelModel, Conditionals> make) {

        boolean serves(ModelSpec spec) {
            return specType == spec.getClass();
        }
    }

    private static final List<Entry> ALL = List.of(
            new Entry(SamplerKind.CACHED, PixelCnnSpec.class, CachedPixelCnn::new),
            new Entry(SamplerKind.CACHED, GatedPixelCnnSpec.class, CachedGatedPixelCnn::new),
            new Entry(SamplerKind.RECURRENT, RasterLstmSpec.class, RasterLstmStepper::new),
            new Entry(SamplerKind.RECURRENT, RowLstmSpec.class, RowLstmStepper::new),
            new Entry(SamplerKind.RECURRENT, DiagonalBiLstmSpec.class, DiagonalBiLstmStepper::new));

    private FastSamplers() {}

    /** The sampler of {@code kind} for a spec, if there is one. */
    static Optional<Entry> find(SamplerKind kind, ModelSpec spec) {
        return ALL.stream().filter(e -> e.kind() == kind && e.serves(spec)).findFirst();
    }

    /** The fastest exact sampler for a spec, if any serves it. */
    static Optional<Entry> fastest(ModelSpec spec) {
        return ALL.stream().filter(e -> e.serves(spec)).findFirst();
    }
}
