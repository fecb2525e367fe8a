package org.pixelscope.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * libnd4j's {@code conv2d} and {@code conv2d_bp} ops called directly on caller-owned arrays, for
 * layers that run without a per-step SameDiff graph. In the oneDNN builds of nd4j-native both ops
 * run on oneDNN. Layouts: input and output {@code [N, C, H, W]}, kernel {@code [kH, kW, cIn, cOut]}
 * (libnd4j's default weight format), bias {@code [cOut]}. Stride 1, dilation 1.
 *
 * <p>Thread: stateless; the arrays belong to the calling layer's thread.
 */
final class ConvOps {

    private final Conv2DConfig config;
    private int[] iArgs;

    /** A stride-1 convolution with a {@code kH x kW} kernel, SAME or VALID padding. */
    ConvOps(int kH, int kW, boolean same) {
        config = Conv2DConfig.builder()
                .kH(kH)
                .kW(kW)
                .sH(1)
                .sW(1)
                .paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID)
                .dataFormat(Conv2DConfig.NCHW)
                .build();
    }

    /** {@code out = conv2d(x, w) + b}; {@code b} may be null. */
    void forward(INDArray x, INDArray w, INDArray b, INDArray out) {
        INDArray[] in = b == null ? new INDArray[] {x, w} : new INDArray[] {x, w, b};
        Conv2D op = new Conv2D(in, new INDArray[] {out}, config);
        if (iArgs == null) {
            iArgs = ints(op.iArgs()); // the op's own encoding of the config, reused for the backward op
        }
        Nd4j.exec(op);
    }

    /**
     * The gradients of {@link #forward} given {@code gradOut}, written into {@code gradIn},
     * {@code gradW} and {@code gradB} (null when there is no bias). Call {@link #forward} first.
     */
    void backward(
            INDArray x, INDArray w, INDArray b, INDArray gradOut, INDArray gradIn, INDArray gradW, INDArray gradB) {
        if (iArgs == null) {
            iArgs = ints(new Conv2D(new INDArray[] {x, w}, new INDArray[] {gradOut}, config).iArgs());
        }
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d_bp");
        if (b == null) {
            op.addInputs(x, w, gradOut).addOutputs(gradIn, gradW);
        } else {
            op.addInputs(x, w, b, gradOut).addOutputs(gradIn, gradW, gradB);
        }
        Nd4j.exec(op.addIntegerArguments(iArgs).build());
    }

    private static int[] ints(long[] v) {
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.toIntExact(v[i]);
        }
        return r;
    }
}
