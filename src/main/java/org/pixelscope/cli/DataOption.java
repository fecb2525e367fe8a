package org.pixelscope.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.pixelscope.data.MnistData;
import picocli.CommandLine.Option;

/** {@code --data DIR}: where the four MNIST IDX files are (default: the shipped assets/mnist). */
final class DataOption {

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Folder with the MNIST IDX files, gzipped or raw (default: ${DEFAULT-VALUE}).")
    Path dir = MnistData.defaultDir();

    MnistData load() throws IOException {
        return MnistData.load(dir);
    }
}
