package org.pixelscope.train;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.pixelscope.data.BinarizedIterator;

/**
 * The batches a run trains on and the set it validates on after each epoch.
 *
 * @param train       batches of binary images, features = labels = {@code [N, 1, H, W]}
 * @param trainImages images per epoch (for iteration counts and ETA)
 * @param validation  evaluated after every epoch; {@code null} to skip
 * @param description for training.json, e.g. {@code MNIST train[0:2000], stochastic}
 */
public record TrainingData(DataSetIterator train, int trainImages, DataSetIterator validation, String description) {

    public TrainingData {
        if (trainImages < 1) {
            throw new IllegalArgumentException("no training images");
        }
    }

    /**
     * Puts {@link #train} at the first batch of epoch {@code epoch}, counted from 1 over the
     * model's whole history. A {@link BinarizedIterator} seeks to that epoch's binarisation and
     * order, which is what lets a resumed run continue the original sequence; other iterators
     * (fixed lists in tests) simply start over.
     */
    public void startEpoch(int epoch) {
        if (train instanceof BinarizedIterator seekable) {
            seekable.resetTo(epoch);
        } else {
            train.reset();
        }
    }
}
