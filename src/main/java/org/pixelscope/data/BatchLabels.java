package org.pixelscope.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The class label of every image of a batch, carried in the batch's per-example metadata (one
 * {@code Integer} per image): a binary image model's DL4J labels are its own pixels, so the digit
 * travels beside them. Iterators attach them ({@link BinarizedIterator}); a class-conditional
 * model trains and evaluates on them, an unconditional one ignores them.
 *
 * <p>Thread: stateless.
 */
public final class BatchLabels {

    private BatchLabels() {}

    /** Attaches one label per image of {@code batch}; returns the batch. */
    public static DataSet attach(DataSet batch, int[] labels) {
        if (labels.length != batch.getFeatures().size(0)) {
            throw new IllegalArgumentException(labels.length + " labels for a batch of "
                    + batch.getFeatures().size(0) + " images");
        }
        List<Serializable> meta = new ArrayList<>(labels.length);
        for (int label : labels) {
            meta.add(label);
        }
        batch.setExampleMetaData(meta);
        return batch;
    }

    /** The labels attached to {@code batch}, if every image has one. */
    public static Optional<int[]> of(DataSet batch) {
        List<? extends Serializable> meta = batch.getExampleMetaData();
        if (meta == null || meta.size() != batch.getFeatures().size(0)) {
            return Optional.empty();
        }
        int[] labels = new int[meta.size()];
        for (int i = 0; i < labels.length; i++) {
            if (!(meta.get(i) instanceof Integer label)) {
                return Optional.empty();
            }
            labels[i] = label;
        }
        return Optional.of(labels);
    }
}
