package org.pixelscope.ui.sample;

import java.util.function.Supplier;
import org.pixelscope.inspect.ReceptiveField;

/**
 * What one pane of a comparison shows, read afresh at each redraw: the model's name, its
 * generation on show (null while none) and its measured receptive field (null while it is
 * measured). The view model gives one for the session's model and one for the compared model;
 * both share its playback position.
 *
 * <p>Thread: FX only.
 */
record PaneState(Supplier<String> name, Supplier<Generation> generation, Supplier<ReceptiveField> field) {}
