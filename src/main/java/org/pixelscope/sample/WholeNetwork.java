package org.pixelscope.sample;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.pixelscope.model.PixelModel;

/**
 * The reference conditionals: the whole network for every pixel, on the whole image (naive) or on
 * the rows the pixel's output can see, {@code model.contextRows()} rows above it down to its own row
 * (cropped). Everything outside that band is provably irrelevant to the pixel, so the cropped
 * answer is the naive one up to float rounding in the convolution kernels; with an unbounded
 * context the band is the whole image.
 *
 * <p>Thread: not thread-safe (it runs the model); owned by one sampler run.
 */
final class WholeNetwork implements Conditionals {

    private final PixelModel model;
    private final boolean cropped;

    WholeNetwork(PixelModel model, boolean cropped) {
        this.model = model;
        this.cropped = cropped;
    }

    @Override
    public float[] next(INDArray x, int k) {
        int h = model.spec().height();
        int w = model.spec().width();
        int row = k / w;
        int context = model.contextRows();
        if (!cropped || context >= h) {
            return pixel(model.probabilities(x), row, k % w);
        }
        int top = Math.max(0, row - context);
        INDArray window = x.get(
                        NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(top, row + 1), NDArrayIndex.all())
                .dup();
        return pixel(model.croppedProbabilities(window), row - top, k % w);
    }

    /** One position of every image: {@code [N]} of p(x = 1), or {@code [N * K]} image-major for K levels. */
    private static float[] pixel(INDArray p, int row, int col) {
        return p.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(row), NDArrayIndex.point(col))
                .dup('c')
                .reshape(p.size(0) * p.size(1))
                .toFloatVector();
    }
}
