package org.pixelscope.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pixelscope.model.PixelModel;

/**
 * A model's weights and optimizer state (Adam's moments) as they were after {@code iteration}
 * steps: what a diverged run rolls back to. The moments matter as much as the weights: a NaN
 * gradient left in them would poison every later step.
 *
 * <p>Thread: the trainer's, which owns the model.
 *
 * @param optimizer null for a stateless optimizer
 */
record WeightSnapshot(INDArray params, INDArray optimizer, int iteration) {

    static WeightSnapshot take(PixelModel model, int iteration) {
        INDArray state = model.network().getUpdater().getStateViewArray();
        return new WeightSnapshot(model.network().params().dup(), state == null ? null : state.dup(), iteration);
    }

    void restoreInto(PixelModel model) {
        ComputationGraph net = model.network();
        net.setParams(params);
        if (optimizer != null) {
            net.getUpdater().getStateViewArray().assign(optimizer);
        }
    }
}
