package org.pixelscope.ui.train;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import org.pixelscope.train.TrainingConfig;

/**
 * The editable settings of the next run, starting at {@link TrainingConfig#defaults()} (where
 * each default's reason is written). Values are checked only when a run starts, by
 * {@link TrainingConfig}'s constructor, so a half-typed field never raises an error.
 *
 * <p>Thread: FX only.
 */
public final class Hyperparameters {

    private final IntegerProperty epochs = new SimpleIntegerProperty(this, "epochs", TrainingConfig.DEFAULT_EPOCHS);
    private final IntegerProperty batchSize =
            new SimpleIntegerProperty(this, "batchSize", TrainingConfig.DEFAULT_BATCH);
    private final DoubleProperty learningRate =
            new SimpleDoubleProperty(this, "learningRate", TrainingConfig.DEFAULT_LEARNING_RATE);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", TrainingConfig.DEFAULT_SEED);
    private final IntegerProperty limit = new SimpleIntegerProperty(this, "limit", 0);

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    /** Adam's step size; a change while a run goes on applies from the next iteration. */
    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    /** Training images to use, 0 for all. */
    public IntegerProperty limitProperty() {
        return limit;
    }

    /** The run these values describe; throws {@link IllegalArgumentException} saying which is wrong. */
    public TrainingConfig toConfig() {
        return new TrainingConfig(epochs.get(), batchSize.get(), learningRate.get(), seed.get(), limit.get());
    }

    /** Whether {@code value} may reach a running trainer: positive and finite. */
    static boolean usableLearningRate(double value) {
        return value > 0 && !Double.isInfinite(value);
    }
}
