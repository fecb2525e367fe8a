package org.pixelscope.sample;

import org.pixelscope.model.ModelSpec;
import org.pixelscope.model.PixelModel;

/**
 * The samplers and the factory that picks one: every way of computing the {@link Conditionals}
 * of a model, each exact (the same draws for a seed as {@link #NAIVE}, tests compare them), and
 * {@link #fastest} choosing among those that apply. {@link FastSamplers} says which model family has
 * which fast sampler.
 *
 * <p>Thread: stateless; {@link #create} makes a new instance per run.
 */
public enum SamplerKind implements Conditionals.Factory {

    /** The whole network on the whole image per pixel: the reference. */
    NAIVE("naive") {
        @Override
        public boolean supports(ModelSpec spec) {
            return true;
        }

        @Override
        Conditionals make(PixelModel model) {
            return new WholeNetwork(model, false);
        }
    },
    /** The whole network on the rows the pixel can see; the same work as naive for unbounded contexts. */
    CROPPED("cropped") {
        @Override
        public boolean supports(ModelSpec spec) {
            return true;
        }

        @Override
        Conditionals make(PixelModel model) {
            return new WholeNetwork(model, true);
        }
    },
    /**
     * Every layer keeps its activations; a pixel costs one position of each layer (Fast
     * PixelCNN++); the PixelCNNs: masked ({@link CachedPixelCnn}) and gated ({@link CachedGatedPixelCnn}).
     */
    CACHED("cached"),
    /**
     * The step forms of the PixelRNNs, which carry their states from pixel to pixel: one LSTM step
     * per pixel (raster LSTM), one row of each layer (Row LSTM), one step per layer and direction
     * (Diagonal BiLSTM).
     */
    RECURRENT("recurrent");

    private final String id;

    SamplerKind(String id) {
        this.id = id;
    }

    /** The name {@code bench} reports, e.g. {@code cached}. */
    public String id() {
        return id;
    }

    /** Whether this sampler works for a model: the whole-network ones always, the fast ones per {@link FastSamplers}. */
    public boolean supports(ModelSpec spec) {
        return FastSamplers.find(this, spec).isPresent();
    }

    Conditionals make(PixelModel model) {
        return FastSamplers.find(this, model.spec()).orElseThrow().make().apply(model);
    }

    /** A fresh instance for one run; a model this sampler does not serve is an IllegalArgumentException. */
    @Override
    public Conditionals create(PixelModel model) {
        if (!supports(model.spec())) {
            throw new IllegalArgumentException(model.spec().name() + " has no " + id + " sampler: " + need());
        }
        return make(model);
    }

    private String need() {
        return this == RECURRENT
                ? "no step form; only the PixelRNNs (raster LSTM, Row LSTM, Diagonal BiLSTM) carry a state"
                        + " from pixel to pixel"
                : "it serves the PixelCNNs (masked, residual, gated)";
    }

    /** The fastest exact sampler for a model: the one the GUI and {@code sample} use. */
    public static SamplerKind fastest(ModelSpec spec) {
        return FastSamplers.fastest(spec).map(FastSamplers.Entry::kind).orElse(CROPPED);
    }
}
