package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shared proof that a model is autoregressive in raster order, used by every model's test.
 *
 * <p>For every pixel k of a small random image: replace the inputs at raster positions >= k
 * with new random values; the outputs at positions <= k must not move (1e-6). All H*W
 * perturbed images go through the network in one batch. A model with K grey levels gives K
 * channels per pixel: every one of them must stay put. Then the check that it is not vacuous:
 * for some k, changing input k-1 alone does change output k.
 */
public final class Causality {

    private Causality() {}

    public static void assertAutoregressive(PixelModel model, long seed) {
        int h = model.spec().height();
        int w = model.spec().width();
        int n = h * w;
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] base = new float[n];
        for (int i = 0; i < n; i++) {
            base[i] = rnd.nextInt(2);
        }
        float[] batch = new float[n * n];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                batch[k * n + i] = i < k ? base[i] : (float) rnd.nextDouble();
            }
        }
        INDArray refOut = model.probabilities(Nd4j.create(base, new long[] {1, 1, h, w}, 'c'));
        int c = (int) refOut.size(1);
        INDArray ref = refOut.reshape(c, n);
        INDArray out = model.probabilities(Nd4j.create(batch, new long[] {n, 1, h, w}, 'c'))
                .reshape(n, c, n);
        for (int k = 0; k < n; k++) {
            for (int j = 0; j <= k; j++) {
                for (int v = 0; v < c; v++) {
                    double d = Math.abs(out.getDouble(k, v, j) - ref.getDouble(v, j));
                    if (d > 1e-6) {
                        fail(
                                "%s is not autoregressive: changing inputs at raster positions >= %d (row %d, col %d) "
                                        + "moved output %d (row %d, col %d, channel %d) by %.3g",
                                model.spec().name(), k, k / w, k % w, j, j / w, j % w, v, d);
                    }
                }
            }
        }
        assertSomeOutputDependsOnItsPredecessor(model, base, ref);
    }

    private static void assertSomeOutputDependsOnItsPredecessor(PixelModel model, float[] base, INDArray ref) {
        int h = model.spec().height();
        int w = model.spec().width();
        int n = h * w;
        float[] batch = new float[(n - 1) * n];
        for (int k = 1; k < n; k++) {
            System.arraycopy(base, 0, batch, (k - 1) * n, n);
            batch[(k - 1) * n + k - 1] = 1 - base[k - 1];
        }
        int c = (int) ref.size(0);
        INDArray out = model.probabilities(Nd4j.create(batch, new long[] {n - 1, 1, h, w}, 'c'))
                .reshape(n - 1, c, n);
        int dependent = 0;
        for (int k = 1; k < n; k++) {
            for (int v = 0; v < c; v++) {
                if (Math.abs(out.getDouble(k - 1, v, k) - ref.getDouble(v, k)) > 1e-6) {
                    dependent++;
                    break;
                }
            }
        }
        assertThat(dependent)
                .as("outputs k that react to a change of input k-1")
                .isGreaterThan(0);
    }
}
