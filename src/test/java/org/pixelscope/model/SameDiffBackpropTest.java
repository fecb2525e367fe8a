package org.pixelscope.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

class SameDiffBackpropTest {

    /** Uncorrected, DL4J 1.0.0-M2.1 returns twice this gradient and the check fails. */
    @Test
    void maskedConvolutionGradientsMatchFiniteDifferences() {
        GradientChecks.assertExact(new GraphForm.MaskedConv(new MaskedConv2D(2, 2, 3, 3, MaskType.B, Activation.TANH)));
    }

    /** The direct runtime ({@link MaskedConv2DRuntime}) needs no correction. */
    @Test
    void directMaskedConvolutionGradientsMatchFiniteDifferences() {
        GradientChecks.assertExact(new MaskedConv2D(2, 2, 3, 3, MaskType.B, Activation.TANH));
    }
}
