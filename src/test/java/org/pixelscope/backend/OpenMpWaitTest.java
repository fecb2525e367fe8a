package org.pixelscope.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wait policy reaches the OpenMP library libnd4j loads, tried in child JVMs (libgomp reads the
 * environment once per process, and this test JVM has loaded it long ago). libgomp prints its
 * settings when {@code OMP_DISPLAY_ENV=VERBOSE}: the passive policy shows as a spin count of 0,
 * libgomp's default as 300,000, an active policy the user chose as 30,000,000,000.
 */
class OpenMpWaitTest {

    private static final Pattern SPIN = Pattern.compile("GOMP_SPINCOUNT = '(\\d+)'");

    @BeforeEach
    void linuxOnly() {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "libgomp is Linux's");
    }

    @Test
    void installedBeforeNd4jLoadsTheOpenMpThreadsSleepAtOnce() throws Exception {
        String out = probe(true, null);
        assertThat(out).contains("installed true", "policy PASSIVE");
        assertThat(spinCount(out)).as(out).isEqualTo("0");
    }

    @Test
    void withoutItLibgompSpins() throws Exception {
        String out = probe(false, null);
        assertThat(out).contains("policy default");
        assertThat(spinCount(out)).as(out).isEqualTo("300000");
    }

    @Test
    void aPolicyTheUserChoseStands() throws Exception {
        String out = probe(true, "ACTIVE");
        assertThat(out).contains("installed false", "policy ACTIVE");
        assertThat(spinCount(out)).as(out).isEqualTo("30000000000");
    }

    @Test
    void theCommandLineInstallsItBeforeNd4jLoads(@TempDir Path home) throws Exception {
        // summary builds a network, which loads libnd4j and its libgomp
        String out = run(
                List.of("-Duser.home=" + home, "org.pixelscope.Main", "summary", "--model", "pixelcnn-chapter"), null);
        assertThat(out).contains("Total params");
        assertThat(spinCount(out)).as(out).isEqualTo("0");
    }

    /** Runs {@link Probe} in a child JVM with {@code OMP_WAIT_POLICY} as given (null: unset); its output. */
    private static String probe(boolean install, String userPolicy) throws Exception {
        return run(List.of(Probe.class.getName(), Boolean.toString(install)), userPolicy);
    }

    /**
     * A child JVM on this class path with {@code arguments}, libgomp told to print its settings
     * and {@code OMP_WAIT_POLICY} as given (null: unset); its standard output and error.
     */
    private static String run(List<String> arguments, String userPolicy) throws Exception {
        return ChildJvm.run(
                arguments,
                env -> {
                    env.remove(OpenMpWait.VARIABLE);
                    env.remove(OpenMpWait.SPIN_COUNT);
                    env.put("OMP_DISPLAY_ENV", "VERBOSE");
                    if (userPolicy != null) {
                        env.put(OpenMpWait.VARIABLE, userPolicy);
                    }
                },
                120);
    }

    private static String spinCount(String out) {
        Matcher m = SPIN.matcher(out);
        assertThat(m.find()).as("libgomp's settings in:%n%s", out).isTrue();
        return m.group(1);
    }

    /** The child JVM: installs the policy as Main does (when told to), then starts ND4J. */
    public static final class Probe {
        public static void main(String[] args) {
            if (Boolean.parseBoolean(args[0])) {
                System.out.println("installed " + OpenMpWait.install());
            }
            System.out.println("policy " + OpenMpWait.policy());
            Backend.start();
        }
    }
}
