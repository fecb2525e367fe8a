package org.pixelscope.model;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A spec together with its DL4J network: the one handle training, sampling and inspection share.
 *
 * <p>Thread: not thread-safe. One owner at a time (the trainer's thread while it fits); other
 * threads work on a {@link #copy()}. The owner {@link #close() closes} it when done: its arrays
 * live off the Java heap, where a small heap's rare collections would let them pile up.
 */
public final class PixelModel implements AutoCloseable {

    private final ModelSpec spec;
    private final ComputationGraph network;
    private volatile boolean closed;

    public PixelModel(ModelSpec spec, ComputationGraph network) {
        this.spec = spec;
        this.network = network;
    }

    public ModelSpec spec() {
        return spec;
    }

    public ComputationGraph network() {
        return network;
    }

    /** p(x=1 | pixels before) for every pixel: {@code [N, 1, H, W]} in, {@code [N, 1, H, W]} out. */
    public INDArray probabilities(INDArray images) {
        checkShape(images);
        return network.outputSingle(false, images);
    }

    /**
     * Like {@link #probabilities} on a band of full-width rows {@code [N, 1, rows, W]}, for models
     * whose outputs depend only on a bounded number of rows above ({@link ModelSpec#contextRows()}).
     */
    public INDArray croppedProbabilities(INDArray rows) {
        long[] s = rows.shape();
        if (spec.contextRows() >= spec.height()
                || s.length != 4
                || s[1] != 1
                || s[2] > spec.height()
                || s[3] != spec.width()) {
            throw new IllegalArgumentException(
                    "cannot run " + spec.name() + " on a band of shape " + java.util.Arrays.toString(s));
        }
        return network.outputSingle(false, rows);
    }

    /** One optimizer step on a batch whose features and labels are the same binary images. */
    public void fit(DataSet batch) {
        checkShape(batch.getFeatures());
        network.fit(batch);
    }

    /** Loss of the last fitted batch: mean binary cross-entropy summed over pixels, nats per image. */
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
        // DL4J's clone starts its step counts at 0, and Adam's bias correction depends on them:
        // a checkpoint saved from a copy would resume with different steps
        clone.getConfiguration().setIterationCount(network.getConfiguration().getIterationCount());
        clone.getConfiguration().setEpochCount(network.getConfiguration().getEpochCount());
        return new PixelModel(spec, clone);
    }

    /**
     * Frees the network's native memory now rather than at some later garbage collection: the flat
     * parameter, gradient and optimizer-state arrays, and the arrays each SameDiff layer keeps
     * cached for every thread that ran it (DL4J M2.1 lets that cache grow to a quarter of
     * {@code org.bytedeco.javacpp.maxbytes} per layer and thread). Afterwards the model must not
     * be used. Idempotent.
     *
     * <p>Thread: the owner's, once no other thread uses the model or anything it returned.
     */
    @Override
    public void close() {
        if (closed) {
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
        return closed;
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
