package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link GateMath}'s tanh and sigmoid against the exact functions. */
class GateMathTest {

    @Test
    void tanhAndSigmoidStayWithinTheirStatedErrorOverTheWholeRange() {
        double tanhError = 0;
        double sigmoidError = 0;
        for (int i = -2_000_000; i <= 2_000_000; i++) {
            float x = i * 1e-5f;
            tanhError = Math.max(tanhError, Math.abs(GateMath.tanh(x) - Math.tanh(x)));
            sigmoidError = Math.max(sigmoidError, Math.abs(GateMath.sigmoid(x) - 1 / (1 + Math.exp(-x))));
        }
        assertThat(tanhError).isLessThan(4e-7);
        assertThat(sigmoidError).isLessThan(2.5e-7);
    }

    @Test
    void farOutsideTheClampTheyAreExactlyTheirLimits() {
        assertThat(GateMath.tanh(1e6f)).isEqualTo(1f);
        assertThat(GateMath.tanh(-1e6f)).isEqualTo(-1f);
        assertThat(GateMath.sigmoid(1e6f)).isEqualTo(1f);
        assertThat(GateMath.sigmoid(-1e6f)).isEqualTo(0f);
        assertThat(GateMath.tanh(0f)).isEqualTo(0f);
        assertThat(GateMath.sigmoid(0f)).isEqualTo(0.5f);
    }

    @Test
    void tanhIsOdd() {
        for (float x = 0; x < 10; x += 0.37f) {
            assertThat(GateMath.tanh(-x)).isEqualTo(-GateMath.tanh(x));
        }
    }
}
