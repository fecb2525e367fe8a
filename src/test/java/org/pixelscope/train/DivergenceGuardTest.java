package org.pixelscope.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pixelscope.train.DivergenceGuard.Verdict;

/** The loss-only divergence test: what trips it and what must not. */
class DivergenceGuardTest {

    private static final int PIXELS = 28 * 28;

    @Test
    void aNoisyButHealthyRunNeverDiverges() {
        DivergenceGuard guard = new DivergenceGuard(PIXELS, 64);
        SplittableRandom rng = new SplittableRandom(1);
        // from an untrained 543 nats down to ~90, each batch within +-40% of the trend (far noisier
        // than batches of 64): a single step may look abnormal, a run of them never does
        for (int i = 0; i < 5000; i++) {
            double trend = 90 + 453 * Math.exp(-i / 300.0);
            assertThat(guard.observe(trend * (0.6 + 0.8 * rng.nextDouble())))
                    .as("step " + i)
                    .isNotEqualTo(Verdict.DIVERGED);
        }
    }

    @Test
    void aLossFarAboveItsMedianForTenStepsIsDivergence() {
        DivergenceGuard guard = new DivergenceGuard(PIXELS, 64);
        for (int i = 0; i < 20; i++) {
            guard.observe(180);
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < DivergenceGuard.PATIENCE; i++) {
            verdicts.add(guard.observe(1286));
        }
        assertThat(verdicts.subList(0, DivergenceGuard.PATIENCE - 1)).containsOnly(Verdict.ABNORMAL);
        assertThat(verdicts.get(DivergenceGuard.PATIENCE - 1)).isEqualTo(Verdict.DIVERGED);
        assertThat(guard.lastMedian()).isEqualTo(180);
        assertThat(guard.streak()).isEqualTo(DivergenceGuard.PATIENCE);
    }

    @Test
    void aFewBadBatchesInARowAreForgiven() {
        DivergenceGuard guard = new DivergenceGuard(PIXELS, 64);
        for (int round = 0; round < 100; round++) {
            for (int i = 0; i < 30; i++) {
                assertThat(guard.observe(100)).isEqualTo(Verdict.NORMAL);
            }
            for (int i = 0; i < DivergenceGuard.PATIENCE - 1; i++) {
                assertThat(guard.observe(900)).isEqualTo(Verdict.ABNORMAL);
            }
        }
    }

    @Test
    void abnormalLossesDoNotRaiseTheReference() {
        DivergenceGuard guard = new DivergenceGuard(PIXELS, 64);
        guard.observe(500);
        // the first step already blew up: without excluding abnormal losses the median would
        // follow them and the run would look healthy
        for (int i = 1; i < DivergenceGuard.PATIENCE; i++) {
            assertThat(guard.observe(4000)).isEqualTo(Verdict.ABNORMAL);
        }
        assertThat(guard.observe(4000)).isEqualTo(Verdict.DIVERGED);
    }

    @Test
    void learningThatGoesBackwardsFromAnUntrainedStartIsDivergence() {
        DivergenceGuard guard = new DivergenceGuard(PIXELS, 64);
        // Adam at rate 1 on a fresh model: 748 nats, then ~1,100 for good (1.5x, not 3x)
        assertThat(guard.observe(748)).isEqualTo(Verdict.NORMAL);
        for (int i = 1; i < DivergenceGuard.PATIENCE; i++) {
            assertThat(guard.observe(1100)).isEqualTo(Verdict.ABNORMAL);
        }
        assertThat(guard.observe(1100)).isEqualTo(Verdict.DIVERGED);
    }

    @Test
    void aSlowStartBelowItsFirstLossIsNot() {
        DivergenceGuard guard = new DivergenceGuard(PIXELS, 64);
        SplittableRandom rng = new SplittableRandom(2);
        // a tiny learning rate: hovering above chance at the first loss, +-10%, for a long time
        for (int i = 0; i < 5000; i++) {
            assertThat(guard.observe(900 * (0.9 + 0.2 * rng.nextDouble()))).isEqualTo(Verdict.NORMAL);
        }
    }

    @Test
    void smallBatchesNeedAsManyImagesInARow() {
        DivergenceGuard guard = new DivergenceGuard(PIXELS, 1);
        assertThat(guard.patience()).isEqualTo(DivergenceGuard.PATIENCE_IMAGES);
        guard.observe(30);
        // single images vary a lot: ten heavy digits after one light one are not divergence
        for (int i = 0; i < 100; i++) {
            assertThat(guard.observe(130)).isEqualTo(Verdict.ABNORMAL);
        }
        assertThat(new DivergenceGuard(PIXELS, 64).patience()).isEqualTo(DivergenceGuard.PATIENCE);
    }

    @Test
    void tinyLossesNeedAnAbsoluteMarginToo() {
        DivergenceGuard guard = new DivergenceGuard(PIXELS, 64);
        for (int i = 0; i < 50; i++) {
            guard.observe(0.5);
        }
        // 10x the median but only 4.5 nats more: a near-perfect model's noise, not divergence
        for (int i = 0; i < 30; i++) {
            assertThat(guard.observe(5)).isEqualTo(Verdict.NORMAL);
        }
    }

    @Test
    void aNonFiniteLossDivergesAtOnce() {
        assertThat(new DivergenceGuard(PIXELS, 64).observe(Double.NaN)).isEqualTo(Verdict.DIVERGED);
        assertThat(new DivergenceGuard(PIXELS, 64).observe(Double.POSITIVE_INFINITY))
                .isEqualTo(Verdict.DIVERGED);
    }
}
