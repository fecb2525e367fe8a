package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shared proof that a model is autoregressive in raster order, used by every model's test.
 *
 * <p>For every pixel k of a small random image: replace the inputs at raster positions >= k
 * with new random values; the outputs at positions <= k must not move (1e-6). All H*W
 * perturbed images and the image itself go through the network in one batch. A model with K grey levels gives K
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
        // the H*W perturbed images, then the image itself: one batch, so every output comes from
        // the same code path (a layer may run small batches another way, with other roundings)
        float[] batch = new float[(n + 1) * n];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                batch[k * n + i] = i < k ? base[i] : (float) rnd.nextDouble();
            }
        }
        System.arraycopy(base, 0, batch, n * n, n);
        INDArray outputs = probabilities(model, batch, n + 1);
        int c = (int) outputs.size(1);
        INDArray out = outputs.reshape(n + 1, c, n);
        INDArray ref = out.get(point(n), all(), all()).dup();
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
        INDArray out = probabilities(model, batch, n - 1).reshape(n - 1, c, n);
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

    /**
     * The model's outputs for {@code count} images of {@code data}, in near-equal chunks of at most
     * {@link #CHUNK} images: one batch of ~785 took the Diagonal BiLSTM 170 s on one thread, about
     * six times its time per image in batches of a hundred. Equal chunks keep every chunk of a
     * large batch above the size at which a layer may switch to its small-batch form.
     */
    private static INDArray probabilities(PixelModel model, float[] data, int count) {
        int h = model.spec().height();
        int w = model.spec().width();
        int n = h * w;
        int chunks = (count + CHUNK - 1) / CHUNK;
        INDArray[] parts = new INDArray[chunks];
        for (int p = 0; p < chunks; p++) {
            int from = (int) ((long) count * p / chunks);
            int to = (int) ((long) count * (p + 1) / chunks);
            float[] part = java.util.Arrays.copyOfRange(data, from * n, to * n);
            parts[p] = model.probabilities(Nd4j.create(part, new long[] {to - from, 1, h, w}, 'c'));
        }
        return chunks == 1 ? parts[0] : Nd4j.concat(0, parts);
    }

    /** Images per forward pass of the check. */
    private static final int CHUNK = 128;
}
