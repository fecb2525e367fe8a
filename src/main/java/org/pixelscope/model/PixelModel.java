package org.pixelscope.model;

import java.lang.reflect.Field;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.pixelscope.data.BatchLabels;

/**
 * A spec together with its DL4J network: the one handle training, sampling and inspection share.
 *
 * <p>Class-conditional models ({@link ModelSpec#classes()} > 0) model p(x | y). The label enters
 * here and nowhere else: {@link #given} binds a model to labels, and a bound model is used like any
 * other (the samplers, the receptive field and the tests' causality check take it as it is).
 * Training and evaluation read each image's label from its batch ({@link BatchLabels}). An unbound
 * conditional model's {@link #probabilities} are those of the exact mixture p(x) = sum_y p(y) p(x | y)
 * under a uniform prior ({@link LabelMixture}), so every read-out of p(x) stays right.
 *
 * <p>Thread: not thread-safe. One owner at a time (the trainer's thread while it fits); other
 * threads work on a {@link #copy()}. The owner {@link #close() closes} it when done: its arrays
 * live off the Java heap, where a small heap's rare collections would let them pile up.
 */
public final class PixelModel implements AutoCloseable {

    private final ModelSpec spec;
    private final ComputationGraph network;
    /** Bound labels: one per image, or one for every image; null when unbound. */
    private final int[] labels;
    /** The model whose network a bound view shares, which owns it; null for the owner itself. */
    private final PixelModel owner;

    private volatile boolean closed;

    public PixelModel(ModelSpec spec, ComputationGraph network) {
        this(spec, network, null, null);
    }

    private PixelModel(ModelSpec spec, ComputationGraph network, int[] labels, PixelModel owner) {
        this.spec = spec;
        this.network = network;
        this.labels = labels;
        this.owner = owner;
    }

    /** Whether the model is class-conditional, p(x | y). */
    public boolean conditional() {
        return spec.classes() > 0;
    }

    /**
     * This conditional model bound to labels: one per image of every batch it is then given, or a
     * single one for all images. The view shares this model's network (its outputs, and training
     * through it, are this model's) and does not own it: closing it does nothing.
     *
     * @throws IllegalArgumentException for an unconditional model or a label outside 0..classes-1
     */
    public PixelModel given(int... labels) {
        if (!conditional()) {
            throw new IllegalArgumentException(spec.name() + " is not class-conditional: it draws no chosen digit");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("no label given");
        }
        for (int label : labels) {
            requireLabel(label);
        }
        return new PixelModel(spec, network, labels.clone(), owner == null ? this : owner);
    }

    /** The bound labels (a copy), empty for an unbound or unconditional model. */
    public Optional<int[]> labels() {
        return Optional.ofNullable(labels).map(int[]::clone);
    }

    /**
     * How many rows above a pixel its output can depend on: the spec's, except for an unbound
     * conditional model, whose mixture weights depend on every earlier pixel.
     */
    public int contextRows() {
        return conditional() && labels == null ? spec.height() : spec.contextRows();
    }

    /**
     * The network's inputs for {@code images}: the images, and for a conditional model the bound
     * labels as one-hot planes {@code [N, classes, H', W']} of the images' size.
     *
     * @throws IllegalStateException for a conditional model with no labels bound
     */
    public INDArray[] inputs(INDArray images) {
        if (!conditional()) {
            return new INDArray[] {images};
        }
        if (labels == null) {
            throw new IllegalStateException(spec.name() + " needs a label per image: bind them with given()");
        }
        return new INDArray[] {images, planes(images, labels)};
    }

    public ModelSpec spec() {
        return spec;
    }

    public ComputationGraph network() {
        return network;
    }

    /** Grey levels K of a pixel ({@link ModelSpec#levels()}). */
    public int levels() {
        return spec.levels();
    }

    /**
     * The conditionals of every pixel given the pixels before it, {@code [N, 1, H, W]} in: for a
     * binary model p(x=1 | pixels before), {@code [N, 1, H, W]}; for K grey levels p(x = v | pixels
     * before) for v = 0..K-1 along the channels, {@code [N, K, H, W]} ({@link LevelOutput}).
     */
    public INDArray probabilities(INDArray images) {
        checkShape(images);
        if (conditional() && labels == null) {
            return LabelMixture.marginal(this, images);
        }
        return network.outputSingle(false, inputs(images));
    }

    /**
     * {@link #probabilities} of a batch's images, a conditional model's under each image's own
     * label ({@link BatchLabels}, else the bound ones): p(x | y), what it trains on. With no labels
     * at all, the mixture over labels.
     */
    public INDArray probabilities(DataSet batch) {
        INDArray x = batch.getFeatures();
        Optional<int[]> attached = conditional() ? BatchLabels.of(batch) : Optional.empty();
        return attached.isPresent() ? given(attached.get()).probabilities(x) : probabilities(x);
    }

    /**
     * Like {@link #probabilities} on a band of full-width rows {@code [N, 1, rows, W]}, for models
     * whose outputs depend only on a bounded number of rows above ({@link ModelSpec#contextRows()}).
     */
    public INDArray croppedProbabilities(INDArray rows) {
        long[] s = rows.shape();
        if (contextRows() >= spec.height()
                || s.length != 4
                || s[1] != 1
                || s[2] > spec.height()
                || s[3] != spec.width()) {
            throw new IllegalArgumentException(
                    "cannot run " + spec.name() + " on a band of shape " + java.util.Arrays.toString(s));
        }
        return network.outputSingle(false, inputs(rows));
    }

    /**
     * One optimizer step on a batch whose features and labels are the same images; a model with K
     * grey levels trains on the one-hot levels of its features ({@link LevelOutput#targets}); a
     * conditional model reads each image's class from the batch ({@link BatchLabels}), else uses
     * the bound labels.
     */
    public void fit(DataSet batch) {
        checkShape(batch.getFeatures());
        INDArray x = batch.getFeatures();
        if (!conditional()) {
            network.fit(levels() == 2 ? batch : new DataSet(x, LevelOutput.targets(x, levels())));
            return;
        }
        INDArray targets = levels() == 2 ? batch.getLabels() : LevelOutput.targets(x, levels());
        network.fit(new MultiDataSet(withLabelsOf(batch).inputs(x), new INDArray[] {targets}));
    }

    private PixelModel withLabelsOf(DataSet batch) {
        Optional<int[]> attached = BatchLabels.of(batch);
        if (attached.isPresent()) {
            return given(attached.get());
        }
        if (labels == null) {
            throw new IllegalArgumentException(spec.name()
                    + " is class-conditional and trains on each image's label, but the data carries no labels");
        }
        return this;
    }

    private void requireLabel(int label) {
        if (label < 0 || label >= spec.classes()) {
            throw new IllegalArgumentException("label " + label + " is outside 0.." + (spec.classes() - 1) + ", the "
                    + spec.classes() + " classes " + spec.name() + " knows");
        }
    }

    /** One-hot planes {@code [N, C, H, W]} of {@code labels} (one per image, or one for all) for {@code images}. */
    private INDArray planes(INDArray images, int[] labels) {
        long n = images.size(0);
        if (labels.length != 1 && labels.length != n) {
            throw new IllegalArgumentException(
                    labels.length + " labels bound to " + spec.name() + ", but " + n + " images given");
        }
        INDArray planes = Nd4j.zeros(images.dataType(), n, spec.classes(), images.size(2), images.size(3));
        for (int i = 0; i < n; i++) {
            planes.get(NDArrayIndex.point(i), NDArrayIndex.point(labels[labels.length == 1 ? 0 : i]))
                    .assign(1);
        }
        return planes;
    }

    /**
     * Loss of the last fitted batch: the cross-entropy (binary, or over K levels) summed over
     * pixels and averaged over images, nats per image.
     */
    public double score() {
        return network.score();
    }

    /** Trainable parameters, including weights a mask holds at zero. */
    public long parameterCount() {
        return network.numParams();
    }

    /** Sets the optimizer's learning rate for all layers; takes effect at the next step. */
    public void setLearningRate(double learningRate) {
        // DL4J's setLearningRate only reaches BaseLayer configurations; a SameDiff layer such as
        // MaskedConv2D holds its own updaters, so set those here first.
        for (Layer layer : network.getLayers()) {
            if (layer.conf().getLayer() instanceof AbstractSameDiffLayer sameDiff) {
                for (IUpdater updater : new IUpdater[] {sameDiff.getUpdater(), sameDiff.getBiasUpdater()}) {
                    if (updater != null && updater.hasLearningRate()) {
                        updater.setLrAndSchedule(learningRate, null);
                    }
                }
            }
        }
        network.setLearningRate(learningRate); // also rebuilds the updater blocks from the configurations
    }

    /** An independent deep copy (weights, optimizer state and step counts). */
    public PixelModel copy() {
        ComputationGraph clone = network.clone();
        // a copy owns its network, and keeps the labels the original was bound to
        // DL4J's clone starts its step counts at 0, and Adam's bias correction depends on them:
        // a checkpoint saved from a copy would resume with different steps
        clone.getConfiguration().setIterationCount(network.getConfiguration().getIterationCount());
        clone.getConfiguration().setEpochCount(network.getConfiguration().getEpochCount());
        return new PixelModel(spec, clone, labels, null);
    }

    /**
     * Frees the network's native memory now rather than at some later garbage collection: the flat
     * parameter, gradient and optimizer-state arrays, and the arrays each SameDiff layer keeps
     * cached for every thread that ran it (DL4J M2.1 lets that cache grow to a quarter of
     * {@code org.bytedeco.javacpp.maxbytes} per layer and thread). Afterwards the model must not
     * be used. Idempotent.
     *
     * <p>Thread: the owner's, once no other thread uses the model or anything it returned. A view
     * made by {@link #given} owns nothing: closing it does nothing.
     */
    @Override
    public void close() {
        if (owner != null || closed) {
            return;
        }
        closed = true;
        for (Layer layer : network.getLayers()) {
            if (layer instanceof org.deeplearning4j.nn.layers.samediff.SameDiffLayer runtime) {
                releaseSessions(runtime);
            }
        }
        if (network.getUpdater(false) != null) {
            closeOwned(network.getUpdater(false).getStateViewArray());
        }
        closeOwned(network.getFlattenedGradients());
        closeOwned(network.params());
    }

    /** True once {@link #close()} has run. */
    public boolean isClosed() {
        return owner != null ? owner.isClosed() : closed;
    }

    private static void closeOwned(INDArray a) {
        if (a != null && a.closeable()) {
            a.close();
        }
    }

    /**
     * Closes the per-thread inference sessions of a SameDiff layer and their array caches. The
     * layer keeps its SameDiff instance in a protected field with no getter, hence reflection.
     */
    private static void releaseSessions(org.deeplearning4j.nn.layers.samediff.SameDiffLayer layer) {
        SameDiff sd;
        try {
            Field f = org.deeplearning4j.nn.layers.samediff.SameDiffLayer.class.getDeclaredField("sameDiff");
            f.setAccessible(true);
            sd = (SameDiff) f.get(layer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return; // a DL4J without the field: the cache goes with the next garbage collection
        }
        if (sd == null) {
            return;
        }
        for (InferenceSession session : sd.getSessions().values()) {
            if (session.getMmgr() != null) {
                session.getMmgr().close();
            }
        }
        sd.getSessions().clear();
    }

    private void checkShape(INDArray images) {
        long[] s = images.shape();
        if (s.length != 4 || s[1] != 1 || s[2] != spec.height() || s[3] != spec.width()) {
            throw new IllegalArgumentException("model " + spec.name() + " expects images [N, 1, " + spec.height() + ", "
                    + spec.width() + "], got " + java.util.Arrays.toString(s));
        }
    }
}
