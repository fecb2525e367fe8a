package org.pixelscope.model;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A stride-1, same-padded 2-D convolution whose kernel is multiplied by a {@link Masks} kernel in
 * every forward pass: {@code y = act(conv2d(x, W * mask) + b)}, NCHW.
 *
 * <p>Because masked taps contribute exactly 0 and their gradient is exactly 0, no optimizer
 * without weight decay ever moves them; the stored weights start at 0 too
 * ({@link #initializeParameters}). A {@code maskType} of {@code null} gives a plain convolution
 * (used for 1x1 output layers). The layer runs as {@link MaskedConv2DRuntime}, which calls
 * libnd4j's conv2d ops directly (on oneDNN in the -onednn builds; DL4J 1.0.0-M2.1's stock
 * {@code ConvolutionLayer} never reaches oneDNN). {@link #defineLayer} is the same layer as a
 * SameDiff graph: the reference form, which the tests compare the runtime with. The class stays a
 * {@code SameDiffLayer} configuration so that saved configurations (class name and JSON fields)
 * and the flat parameter layout ({@code W}, then {@code b}) are unchanged.
 *
 * <p>Parameters: {@code W} with shape {@code [kernelH, kernelW, nIn, nOut]} and {@code b} with
 * shape {@code [1, nOut]}. The no-argument constructor and setters exist for DL4J's JSON.
 */
public class MaskedConv2D extends ImageLayer implements MaskedLayer {

    public static final String WEIGHT = "W";
    public static final String BIAS = "b";

    private long nOut;
    private int kernelH;
    private int kernelW;
    private MaskType maskType;
    private int colourGroups = 1;
    private Activation activation = Activation.IDENTITY;

    public MaskedConv2D() {
        // for JSON
    }

    public MaskedConv2D(long nIn, long nOut, int kernelH, int kernelW, MaskType maskType, Activation activation) {
        this.nIn = nIn;
        this.nOut = nOut;
        this.kernelH = kernelH;
        this.kernelW = kernelW;
        this.maskType = maskType;
        this.activation = activation;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(WEIGHT, kernelH, kernelW, nIn, nOut);
        params.addBiasParam(BIAS, 1, nOut);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // He-normal over the taps the mask lets through, so masked layers start at the same scale
        // as unmasked ones.
        long fanIn = nIn * (long) kernelH * kernelW;
        if (maskType != null) {
            fanIn -= Masks.blockedWeights(kernelH, kernelW, maskType, (int) nIn, (int) nOut, colourGroups) / nOut;
        }
        double std = Math.sqrt(2.0 / Math.max(1, fanIn));
        INDArray w = params.get(WEIGHT);
        w.assign(Nd4j.randn(w.dataType(), w.shape()).muli(std));
        if (maskType != null) {
            w.muli(mask());
        }
        params.get(BIAS).assign(0);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        SDVariable w = params.get(WEIGHT);
        if (maskType != null) {
            w = w.mul(sd.constant("kernelMask", mask().castTo(w.dataType())));
        }
        SDVariable b = params.get(BIAS).reshape(nOut);
        Conv2DConfig config = Conv2DConfig.builder()
                .kH(kernelH)
                .kW(kernelW)
                .sH(1)
                .sW(1)
                .paddingMode(PaddingMode.SAME)
                .dataFormat(Conv2DConfig.NCHW)
                .build();
        SDVariable z = sd.cnn().conv2d(input, w, b, config);
        return activation.asSameDiff("out", sd, z);
    }

    /** Runs as {@link MaskedConv2DRuntime}: direct convolution ops; {@link #defineLayer} stays the reference form. */
    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(
            org.deeplearning4j.nn.conf.NeuralNetConfiguration conf,
            java.util.Collection<org.deeplearning4j.optimize.api.TrainingListener> listeners,
            int index,
            INDArray paramsView,
            boolean initializeParams,
            org.nd4j.linalg.api.buffer.DataType dataType) {
        return MaskedConv2DRuntime.instantiate(this, conf, index, paramsView, initializeParams, dataType);
    }

    /** The 0/1 mask this layer applies, {@code [kernelH, kernelW, nIn, nOut]}. */
    public INDArray mask() {
        return Masks.kernel(kernelH, kernelW, maskType, (int) nIn, (int) nOut, colourGroups);
    }

    /** {@code W} under its mask, or nothing for a plain convolution ({@code maskType} null). */
    @Override
    public List<MaskedKernel> maskedKernels() {
        if (maskType == null) {
            return List.of();
        }
        long blocked = Masks.blockedWeights(kernelH, kernelW, maskType, (int) nIn, (int) nOut, colourGroups);
        return List.of(new MaskedKernel(WEIGHT, kernelH, kernelW, maskType, blocked, false));
    }

    @Override
    public INDArray mask(String parameter) {
        if (maskType == null || !WEIGHT.equals(parameter)) {
            throw new IllegalArgumentException("this convolution has no mask on " + parameter);
        }
        return mask();
    }

    @Override
    public String kernelLabel() {
        return kernelH + "x" + kernelW;
    }

    @Override
    protected long outChannels() {
        return nOut;
    }

    public long getNOut() {
        return nOut;
    }

    public void setNOut(long nOut) {
        this.nOut = nOut;
    }

    public int getKernelH() {
        return kernelH;
    }

    public void setKernelH(int kernelH) {
        this.kernelH = kernelH;
    }

    public int getKernelW() {
        return kernelW;
    }

    public void setKernelW(int kernelW) {
        this.kernelW = kernelW;
    }

    public MaskType getMaskType() {
        return maskType;
    }

    public void setMaskType(MaskType maskType) {
        this.maskType = maskType;
    }

    public int getColourGroups() {
        return colourGroups;
    }

    public void setColourGroups(int colourGroups) {
        this.colourGroups = colourGroups;
    }

    public Activation getActivation() {
        return activation;
    }

    public void setActivation(Activation activation) {
        this.activation = activation;
    }
}
