package org.pixelscope.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A spec together with its DL4J network: the one handle training, sampling and inspection share.
 *
 * <p>Thread: not thread-safe. One owner at a time (the trainer's thread while it fits); other
 * threads work on a {@link #copy()}.
 */
public final class PixelModel {

    private final ModelSpec spec;
    private final ComputationGraph network;

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
        if (spec.contextRows() >= spec.height() || s.length != 4 || s[1] != 1 || s[2] > spec.height()
                || s[3] != spec.width()) {
            throw new IllegalArgumentException("cannot run " + spec.name() + " on a band of shape " + java.util.Arrays.toString(s));
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

    private void checkShape(INDArray images) {
        long[] s = images.shape();
        if (s.length != 4 || s[1] != 1 || s[2] != spec.height() || s[3] != spec.width()) {
            throw new IllegalArgumentException("model " + spec.name() + " expects images [N, 1, "
                    + spec.height() + ", " + spec.width() + "], got " + java.util.Arrays.toString(s));
        }
    }
}
