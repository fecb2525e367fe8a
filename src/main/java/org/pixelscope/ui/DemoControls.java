package org.pixelscope.ui;

import java.util.concurrent.CompletableFuture;

/**
 * What a scripted demonstration (the guided tour in {@code ui.tour}) may do to the main window:
 * show a view and put each view into a given state, through the same view-model methods the
 * controls use. The feature packages never import each other, so the tour reaches the views only
 * through this interface, which the main window implements by delegating to them.
 *
 * <p>Every method leaves the same state however often it is called, so a step can be applied
 * again when the tour goes back to it. A method that waits for a model to load or a generation
 * to start returns a future that completes on the FX thread when that is done (failures are
 * reported to the user by the view and complete the future normally, or exceptionally when the
 * user declined, as with Cancel on the unsaved-work question).
 *
 * <p>Thread: FX only.
 */
public interface DemoControls {

    /** A view title {@link #selectView} takes (the tab's text). */
    String TRAIN = "Train";

    /** A view title {@link #selectView} takes. */
    String SAMPLE = "Sample";

    /** A view title {@link #selectView} takes. */
    String MASKS = "Masks";

    /** A view title {@link #selectView} takes. */
    String LIKELIHOOD = "Likelihood";

    /** Shows the view with this tab title ({@link #SAMPLE}, {@link #MASKS}, ...). */
    void selectView(String title);

    /**
     * Makes the shipped pretrained chapter PixelCNN the session's model (asking first, as File >
     * Open does, if that would lose unsaved training); completes at once when it already is.
     */
    CompletableFuture<Void> openShipped();

    /** The {@link #compareWith} name of the shipped pretrained checkpoint of {@code model}. */
    static String shipped(String model) {
        return SHIPPED + ":" + model;
    }

    /** The {@link #compareWith} name of the shipped chapter PixelCNN; with ":NAME", of model NAME. */
    String SHIPPED = "shipped";

    /**
     * Sample view: compares with the model called {@code name} ("shipped", {@link #shipped(String)
     * "shipped:NAME"}, or a registered spec's name for a new untrained network of it), or ends the
     * comparison for null. Completes once both panes have started drawing.
     */
    CompletableFuture<Void> compareWith(String name);

    /** Sample view: a new generation from the current settings, playing from its first pixel. */
    CompletableFuture<Void> samplePlayFromStart();

    /** Sample view: pauses with every pixel up to and including ({@code row}, {@code col}) drawn. */
    void sampleShowPixel(int row, int col);

    /** Sample view: shows every image complete, as soon as the sampler has drawn them. */
    void sampleFinish();

    /** Masks view: shows the learned kernel of the first masked layer, once the masks are read. */
    CompletableFuture<Void> masksShowFirstKernel();

    /**
     * Masks view: the receptive field of output pixel ({@code row}, {@code col}) after layer
     * {@code layer} (0 the first; negative counts from the end, -1 the last), once it is measured.
     */
    CompletableFuture<Void> masksShowField(int row, int col, int layer);

    /** Likelihood view: test image {@code index} and its per-pixel cost map. */
    void likelihoodShowTestImage(int index);
}
