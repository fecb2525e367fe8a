package org.pixelscope.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's LSTM layer with its passes on one OpenMP thread ({@link OneThread}). A pass over the
 * raster sequence is H x W steps, each a dozen small ops on {@code [N, hidden]} arrays, too small
 * to gain from a second thread and, on a shared 2-core machine, each paying a wait for one. The
 * arithmetic is DL4J's own, so results are identical.
 *
 * <p>Thread: one training or inference thread at a time, like every DL4J layer.
 */
final class RasterLstmRuntime extends org.deeplearning4j.nn.layers.recurrent.LSTM {

    RasterLstmRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return OneThread.run(() -> super.activate(training, workspaceMgr));
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        return OneThread.run(() -> super.activate(input, training, workspaceMgr));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return OneThread.run(() -> super.backpropGradient(epsilon, workspaceMgr));
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        return OneThread.run(() -> super.rnnTimeStep(input, workspaceMgr));
    }
}
