package org.pixelscope.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one way a time span is written, CLI and GUI alike. */
class DurationsTest {

    @Test
    void durationsReadAsAPersonSaysThem() {
        assertThat(Durations.format(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(Durations.format(Duration.ofSeconds(185))).isEqualTo("3 min 05 s");
        assertThat(Durations.format(Duration.ofMinutes(62))).isEqualTo("1 h 02 min");
        assertThat(Durations.format(Duration.ofSeconds(-5))).isEqualTo("0 s");
    }
}
