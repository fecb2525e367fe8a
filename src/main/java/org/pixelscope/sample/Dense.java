package org.pixelscope.sample;

/**
 * The float arithmetic of the cached samplers, on plain arrays: at one position of 16 images the
 * layers are small (64 x 64 matrices), and plain loops, which the JIT compiles to vector
 * instructions, beat dispatching native ops of that size.
 *
 * <p>Thread: stateless.
 */
final class Dense {

    private Dense() {}

    /** {@code y[yOff .. + n) += a * x[xOff .. + n)}. */
    static void axpy(float[] y, int yOff, float a, float[] x, int xOff, int n) {
        for (int j = 0; j < n; j++) {
            y[yOff + j] += a * x[xOff + j];
        }
    }

    /** {@code y[yOff .. + out) += x[xOff .. + in) times the matrix m [in][out]} (a 1x1 convolution). */
    static void multiplyAdd(float[] y, int yOff, float[] x, int xOff, float[] m, int in, int out) {
        for (int ci = 0, w = 0; ci < in; ci++, w += out) {
            float a = x[xOff + ci];
            if (a != 0) {
                axpy(y, yOff, a, m, w, out);
            }
        }
    }

    static void relu(float[] v, int off, int n) {
        for (int j = off; j < off + n; j++) {
            v[j] = Math.max(v[j], 0f);
        }
    }

    static float sigmoid(float z) {
        return (float) (1 / (1 + Math.exp(-z)));
    }

    /**
     * The gated unit {@code tanh(z[:f]) * sigmoid(z[f:])} of {@code z[zOff .. + 2f)}, into
     * {@code out[outOff .. + f)}.
     */
    static void gate(float[] z, int zOff, int f, float[] out, int outOff) {
        for (int j = 0; j < f; j++) {
            out[outOff + j] = (float) Math.tanh(z[zOff + j]) * sigmoid(z[zOff + f + j]);
        }
    }
}
