package org.pixelscope.ui.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pixelscope.train.TrainingHistory;

class LossSeriesTest {

    @Test
    void smoothingHasNoLagOnATrendAndEndsOnTheRawLoss() {
        LossSeries s = new LossSeries();
        for (int i = 1; i <= 60; i++) {
            s.add(i, 600 - 5 * i);
        }
        assertThat(s.smoothed(0)).isEqualTo(595);
        assertThat(s.smoothed(30)).isCloseTo(s.nats(30), within(1e-9));
        assertThat(s.smoothed(59)).isEqualTo(s.nats(59));
    }

    @Test
    void smoothingAveragesAwayTheScatterOfBatches() {
        LossSeries s = new LossSeries();
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 1; i <= 2000; i++) {
            s.add(i, 90 + rng.nextGaussian() * 4);
        }
        double spread = 0;
        for (int i = 100; i < 1900; i++) {
            spread = Math.max(spread, Math.abs(s.smoothed(i) - 90));
        }
        // half-width 20: the mean of 41 batches scatters by 4 / sqrt(41) = 0.6 nats
        assertThat(spread).isLessThan(3);
    }

    @Test
    void decimationKeepsEachColumnsExtremesAndHasAtMostTwoPointsPerColumn() {
        LossSeries s = new LossSeries();
        SplittableRandom rng = new SplittableRandom(1);
        int n = 100_000;
        for (int i = 1; i <= n; i++) {
            s.add(i, 100 + rng.nextDouble() * 10);
        }
        s.add(n + 1, 5); // a global minimum in the last column
        int columns = 800;
        LossSeries.Polyline out = new LossSeries.Polyline();
        s.decimate(false, x -> (x - 1) / (n + 1) * columns, out); // warm-up
        long t0 = System.nanoTime();
        int points = s.decimate(true, x -> (x - 1) / (n + 1) * columns, out);
        long micros = (System.nanoTime() - t0) / 1000;

        assertThat(points).isLessThanOrEqualTo(2 * (columns + 1)).isGreaterThan(columns);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int i = 0; i < points; i++) {
            min = Math.min(min, out.y()[i]);
            max = Math.max(max, out.y()[i]);
            if (i > 0) {
                assertThat(out.x()[i]).isGreaterThanOrEqualTo(out.x()[i - 1]);
            }
        }
        assertThat(min).isEqualTo(5);
        assertThat(max).isGreaterThan(109.99);
        // a frame's worth of work for 100k points, with a wide margin for a busy machine
        assertThat(micros).isLessThan(200_000);
    }

    @Test
    void decimationKeepsEveryPointWhenThereAreFewerThanColumns() {
        LossSeries s = new LossSeries();
        for (int i = 1; i <= 5; i++) {
            s.add(i, i);
        }
        LossSeries.Polyline out = new LossSeries.Polyline();
        assertThat(s.decimate(false, x -> x * 100, out)).isEqualTo(5);
    }

    @Test
    void nearestFindsTheClosestIteration() {
        LossSeries s = new LossSeries();
        s.add(10, 1);
        s.add(20, 2);
        s.add(40, 3);
        assertThat(s.nearest(0)).isZero();
        assertThat(s.nearest(14)).isZero();
        assertThat(s.nearest(16)).isEqualTo(1);
        assertThat(s.nearest(35)).isEqualTo(2);
        assertThat(s.nearest(1e9)).isEqualTo(2);
        assertThat(new LossSeries().nearest(3)).isEqualTo(-1);
    }

    @Test
    void loadReplacesTheContentsWithAHistory() {
        LossSeries s = new LossSeries();
        s.add(1, 1000);
        TrainingHistory h = new TrainingHistory(
                1,
                3,
                42,
                "test",
                List.of(
                        new TrainingHistory.LossPoint(1, 1, 300),
                        new TrainingHistory.LossPoint(2, 1, 200),
                        new TrainingHistory.LossPoint(3, 1, 150)),
                List.of(new TrainingHistory.EpochPoint(1, 3, 140, 0.26)));
        s.load(h);
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.nats(0)).isEqualTo(300);
        assertThat(s.validationSize()).isEqualTo(1);
        assertThat(s.validationEpoch(0)).isEqualTo(1);
        assertThat(s.lastIteration()).isEqualTo(3);
        assertThat(s.range()).containsExactly(140, 300);
    }

    @Test
    void theRangeTopFollowsTheSmoothedCurveNotSingleSpikes() {
        LossSeries s = new LossSeries();
        for (int i = 1; i <= 100; i++) {
            s.add(i, i == 50 ? 1000 : 100);
        }
        double[] r = s.range();
        assertThat(r[0]).isEqualTo(100);
        assertThat(r[1]).isLessThan(200);
    }
}
