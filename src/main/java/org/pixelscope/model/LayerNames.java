package org.pixelscope.model;

/**
 * The names of the vertices of every network {@link NetworkBuilder} makes. They are persisted:
 * a checkpoint stores each parameter under {@code <layer name>_<parameter key>} (DL4J's
 * {@code paramTable()} key, e.g. {@code conv0_A_W}; the keys {@code W}, {@code b}, {@code Wis} ...
 * belong to each layer class). Renaming one here breaks every saved checkpoint unless the
 * checkpoint loader's migration map renames it too, and the format version goes up.
 *
 * <p>The pattern: a layer's name says what it is and, for repeated layers, its position from 1
 * ({@code conv0_A} alone counts from 0, being the mask-A layer before the numbered mask-B ones);
 * a masked convolution ends in its mask type ({@code _A}, {@code _B}) where the model has one.
 * <pre>
 *   PixelCNN          image -> conv0_A -> conv1_B .. convN_B (each summed into resI when residual) -> out_1x1 -> p
 *   Gated PixelCNN    image -> gated1 .. gatedN -> out1 -> out2 -> p
 *     conditional     (image, label) -> gated1_in -> gated1 -> (gated1, label) -> gated2_in -> gated2 .. -> out1 -> out2 -> p
 *   Row LSTM          image -> conv0_A -> rowlstm1 (+ res1) .. rowlstmN (+ resN) -> out1_B -> out2_B -> p
 *   Diagonal BiLSTM   image -> conv0_A -> bilstm1 (+ res1) .. bilstmN (+ resN) -> out1_B -> out2_B -> p
 *   Raster LSTM       image -> raster_seq -> lstm0 .. lstmN-1 -> to_image -> out_1x1 -> p
 * </pre>
 * (The raster LSTM counts its layers from 0, as it always has.)
 */
public final class LayerNames {

    /** Input vertex: images {@code [N, 1, H, W]}. */
    public static final String INPUT = "image";
    /**
     * Second input vertex of a class-conditional network: the one-hot label broadcast over the
     * image, {@code [N, classes, H, W]}.
     */
    public static final String LABEL = "label";
    /** Output (loss) layer: p(x=1) per pixel, {@code [N, 1, H, W]}. */
    public static final String OUTPUT = "p";
    /** The mask-A convolution that starts PixelCNN and both PixelRNN bodies. */
    public static final String FIRST_CONV = "conv0_A";
    /** The PixelCNN's 1x1 sigmoid output; the raster LSTM's per-pixel output has the same name. */
    public static final String PIXELCNN_OUT = "out_1x1";
    /** PixelRNN bodies: the ReLU 1x1 mask-B convolution after the recurrent layers, then the 1x1 sigmoid. */
    public static final String RNN_HIDDEN_OUT = "out1_B";

    public static final String RNN_PIXEL_OUT = "out2_B";
    /** Gated PixelCNN: the ReLU 1x1 after the gated layers, then the 1x1 sigmoid. */
    public static final String GATED_HIDDEN_OUT = "out1";

    public static final String GATED_PIXEL_OUT = "out2";
    /** Raster LSTM: the layer that flattens and shifts the image into a sequence, and the one that folds it back. */
    public static final String RASTER_SEQUENCE = "raster_seq";

    public static final String RASTER_TO_IMAGE = "to_image";
    public static final String RASTER_OUT = PIXELCNN_OUT;

    private LayerNames() {}

    /** PixelCNN mask-B convolution {@code i}, from 1. */
    public static String pixelCnnHidden(int i) {
        return "conv" + i + "_B";
    }

    /** A PixelCNN's convolution {@code i}: 0 the mask-A layer, then the mask-B layers, last the 1x1 output. */
    public static String pixelCnnLayer(PixelCnnSpec p, int i) {
        if (i == 0) {
            return FIRST_CONV;
        }
        return i <= p.hiddenLayers() ? pixelCnnHidden(i) : PIXELCNN_OUT;
    }

    /** The sum of layer {@code i}'s input and output in a residual body, from 1. */
    public static String residual(int i) {
        return "res" + i;
    }

    /** Gated PixelCNN layer {@code i}, from 1. */
    public static String gated(int i) {
        return "gated" + i;
    }

    /** What conditional Gated PixelCNN layer {@code i} reads: its input joined with the label planes. */
    public static String gatedInput(int i) {
        return gated(i) + "_in";
    }

    /** Row LSTM layer {@code i}, from 1. */
    public static String rowLstm(int i) {
        return "rowlstm" + i;
    }

    /** Diagonal BiLSTM layer {@code i}, from 1. */
    public static String biLstm(int i) {
        return "bilstm" + i;
    }

    /** Raster LSTM layer {@code i}, from 0. */
    public static String rasterLstm(int i) {
        return "lstm" + i;
    }

    /** The persisted name of a layer's parameter: DL4J's {@code paramTable()} key. */
    public static String parameter(String layer, String key) {
        return layer + "_" + key;
    }
}
