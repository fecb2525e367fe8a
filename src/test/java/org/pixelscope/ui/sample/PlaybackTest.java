package org.pixelscope.ui.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaybackTest {

    private static final int W = 28;
    private static final int ALL = 28 * 28;

    @Test
    void stepPixelShowsExactlyOneMorePosition() {
        Playback p = new Playback(0, ALL, W);
        p.step(1, ALL);
        assertThat(p.position()).isEqualTo(1);
        p.step(1, ALL);
        assertThat(p.position()).isEqualTo(2);
        assertThat(p.tick(1.0, ALL)).as("paused: time alone moves nothing").isEqualTo(2);
    }

    @Test
    void stepRowShowsOneRow() {
        Playback p = new Playback(0, ALL, W);
        p.step(3, ALL);
        p.stepRow(ALL);
        assertThat(p.position()).isEqualTo(3 + W);
    }

    @Test
    void seekEndsAtTheSamePositionFromAheadOrBehindAndWaitsForTheSampler() {
        Playback p = new Playback(0, ALL, W);
        p.togglePlay(ALL);
        p.tick(0.2, ALL);
        p.seek(300, 100);
        assertThat(p.playing()).isFalse();
        assertThat(p.pendingTarget()).as("the sampler is behind: it waits").isEqualTo(300);
        assertThat(p.tick(0.016, 299)).isLessThan(300);
        assertThat(p.tick(0.016, 400)).isEqualTo(300);
        p.seek(300, 400);
        assertThat(p.position()).as("the same seek again changes nothing").isEqualTo(300);
        p.step(50, ALL);
        p.seek(300, ALL);
        assertThat(p.position()).as("back at once").isEqualTo(300);
        p.seek(-5, ALL);
        assertThat(p.position()).isZero();
        p.seek(ALL + 10, ALL);
        assertThat(p.position()).isEqualTo(ALL);
    }

    @Test
    void aStepWaitsForTheSamplerAndAppliesWhenItArrives() {
        Playback p = new Playback(0, ALL, W);
        p.step(1, 0);
        p.step(1, 0);
        assertThat(p.position()).isZero();
        assertThat(p.pendingTarget()).isEqualTo(2);
        assertThat(p.tick(0.016, 1)).as("never past the sampler").isEqualTo(0);
        assertThat(p.tick(0.016, 5)).isEqualTo(2);
        assertThat(p.pendingTarget()).isEqualTo(-1);
        assertThat(p.tick(0.016, 9)).as("then it stays put").isEqualTo(2);
    }

    @Test
    void playingAdvancesAtTheRateButNeverPastTheCursor() {
        Playback p = new Playback(0, ALL, W);
        p.setRate(10);
        p.togglePlay(ALL);
        assertThat(p.playing()).isTrue();
        assertThat(p.tick(0.1, ALL)).isEqualTo(1);
        assertThat(p.tick(0.2, ALL)).isEqualTo(3);
        assertThat(p.tick(0.2, 4)).isEqualTo(4);
        assertThat(p.tick(0.2, 4)).as("the sampler is behind: wait").isEqualTo(4);
        assertThat(p.tick(0.1, ALL)).isEqualTo(5);
    }

    @Test
    void aStalledFrameDoesNotJump() {
        Playback p = new Playback(0, ALL, W);
        p.setRate(100);
        p.togglePlay(ALL);
        assertThat(p.tick(5.0, ALL)).isEqualTo(25);
    }

    @Test
    void asFastAsPossibleShowsWhateverIsComputed() {
        Playback p = new Playback(0, ALL, W);
        p.setRate(Playback.rateFor(Playback.FASTEST));
        p.togglePlay(0);
        assertThat(p.tick(0.016, 300)).isEqualTo(300);
        assertThat(p.tick(0.016, ALL)).isEqualTo(ALL);
        assertThat(p.playing()).as("stops at the end").isFalse();
    }

    @Test
    void pauseStopsAndPlayAtTheEndReplaysFromTheStart() {
        Playback p = new Playback(0, ALL, W);
        p.setRate(100);
        p.togglePlay(ALL);
        p.tick(0.1, ALL);
        p.pause();
        assertThat(p.tick(0.1, ALL)).isEqualTo(10);
        p.finish(ALL);
        assertThat(p.position()).isEqualTo(ALL);
        p.togglePlay(ALL);
        assertThat(p.position()).isZero();
        assertThat(p.playing()).isTrue();
    }

    @Test
    void finishRevealsEverythingOnceComputed() {
        Playback p = new Playback(0, ALL, W);
        p.finish(100);
        assertThat(p.position()).isEqualTo(100);
        assertThat(p.tick(0.016, 500)).isEqualTo(500);
        assertThat(p.tick(0.016, ALL)).isEqualTo(ALL);
    }

    @Test
    void aCompletionStartsAfterItsKeptRows() {
        Playback p = new Playback(10 * W, ALL, W);
        assertThat(p.position()).as("kept rows show at once").isEqualTo(10 * W);
        p.step(1, 0);
        assertThat(p.position()).isEqualTo(10 * W);
        assertThat(p.tick(0, 10 * W + 1)).isEqualTo(10 * W + 1);
        p.step(ALL, ALL);
        assertThat(p.position()).isEqualTo(ALL);
    }

    @Test
    void speedSliderRunsFromOnePixelPerSecondToAsFastAsPossible() {
        assertThat(Playback.rateFor(0)).isEqualTo(1.0);
        assertThat(Playback.rateFor(0.5)).isBetween(31.0, 32.0);
        assertThat(Playback.rateFor(0.999)).isBetween(900.0, 1000.0);
        assertThat(Playback.rateFor(1)).isInfinite();
        assertThat(Playback.describeRate(1)).isEqualTo("1.0 px/s");
        assertThat(Playback.describeRate(250)).isEqualTo("250 px/s");
        assertThat(Playback.describeRate(Double.POSITIVE_INFINITY)).isEqualTo("as fast as possible");
    }
}
