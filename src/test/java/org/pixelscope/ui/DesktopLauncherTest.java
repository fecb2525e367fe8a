package org.pixelscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DesktopLauncherTest {

    @Test
    void aMissingGtkBecomesOneLineWithTheInstallCommand() {
        RuntimeException e = new RuntimeException(
                "Exception in Application start method",
                new UnsupportedOperationException("Unable to load glass GTK library."));
        assertThat(DesktopLauncher.explain(e))
                .hasValueSatisfying(line -> assertThat(line)
                        .contains("GTK 3 is missing", "sudo apt-get install libgtk-3-0")
                        .doesNotContain("\n"));
    }

    @Test
    void aMissingDisplayIsNamed() {
        assertThat(DesktopLauncher.explain(new UnsupportedOperationException("Unable to open DISPLAY")))
                .hasValueSatisfying(line -> assertThat(line).contains("no display"));
    }

    @Test
    void otherFailuresAreNotExplainedAway() {
        assertThat(DesktopLauncher.explain(new IllegalStateException("checkpoint is broken")))
                .isEmpty();
    }
}
