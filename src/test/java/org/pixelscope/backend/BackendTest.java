package org.pixelscope.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** The native build ND4J loads. */
class BackendTest {

    @Test
    void linuxX86LoadsTheOneDnnBuild() {
        assumeTrue(
                System.getProperty("os.name").startsWith("Linux")
                        && System.getProperty("os.arch").equals("amd64"),
                "the pom ships a oneDNN build for linux-x86_64; other platforms pick their own");
        Backend.Info info = Backend.start();
        assertThat(info.build()).contains("onednn");
        assertThat(info.onednn()).isTrue();
        assertThat(info.nativeLibrary()).contains("nd4jcpu");
        assertThat(info.line()).contains(info.build()).contains("(oneDNN)");
    }

    @Test
    void buildIsTheFolderTheLibraryWasUnpackedFrom() {
        assertThat(Backend.buildOf("/cache/org/nd4j/linux-x86_64-onednn-avx2/libnd4jcpu.so"))
                .isEqualTo("linux-x86_64-onednn-avx2");
        assertThat(Backend.buildOf("libnd4jcpu.so")).isEqualTo("libnd4jcpu.so");
    }
}
