package org.pixelscope.data;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds what PixelScope ships in {@code assets/}: under the working directory (run from the
 * project with Maven), else beside the folder that holds the code (run as {@code java -jar
 * target/pixelscope.jar}, or from {@code target/classes}), else beside the code itself (the
 * installed app image keeps {@code assets/} next to {@code pixelscope.jar}). The first that
 * exists wins; the working-directory path is returned when none does, so an error names the
 * usual place.
 */
public final class Assets {

    private Assets() {}

    /** {@code relative} is e.g. {@code mnist} or {@code models/pixelcnn-chapter.zip}. */
    public static Path find(String relative) {
        Path local = Path.of("assets").resolve(relative);
        if (Files.exists(local)) {
            return local;
        }
        try {
            var codeSource = Assets.class.getProtectionDomain().getCodeSource();
            if (codeSource != null) {
                Path code = Path.of(codeSource.getLocation().toURI()).toAbsolutePath();
                Path folder = code.getParent();
                Path project = folder == null ? null : folder.getParent();
                if (project != null && Files.exists(project.resolve(local))) {
                    return project.resolve(local);
                }
                if (folder != null && Files.exists(folder.resolve(local))) {
                    return folder.resolve(local);
                }
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            // an unusual class loader location: fall back to the working directory
        }
        return local;
    }
}
