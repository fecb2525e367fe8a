package org.pixelscope.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pixelscope.backend.ThreadNice;

/** The app's worker threads run below the FX threads' priority, so training never starves the UI. */
class JobRunnerTest {

    @Test
    void jobsRunTenNiceStepsBelowTheProcess() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "per-thread nice is Linux's");
        int process = ThreadNice.process().orElseThrow();
        assumeTrue(process <= ThreadNice.MAX - JobRunner.JOB_NICE, "the build itself runs at nice " + process);
        try (JobRunner jobs = JobRunner.threaded(Runnable::run)) {
            int job = jobs.submit(() -> ThreadNice.current().orElseThrow()).get(30, TimeUnit.SECONDS);
            assertThat(job).isEqualTo(process + JobRunner.JOB_NICE);
        }
        assertThat(ThreadNice.current().orElseThrow())
                .as("the submitting thread")
                .isEqualTo(process);
    }
}
