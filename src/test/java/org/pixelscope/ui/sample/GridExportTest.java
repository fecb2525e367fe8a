package org.pixelscope.ui.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pixelscope.model.NetworkBuilder;
import org.pixelscope.model.PixelCnnSpec;
import org.pixelscope.model.PixelModel;
import org.pixelscope.sample.RasterSampler;
import org.pixelscope.sample.SampleRequest;
import org.pixelscope.sample.SampleTrace;
import org.pixelscope.sample.SamplerKind;

class GridExportTest {

    @Test
    void aGifFrameForEveryRow() {
        int[] frames = GridExport.framePositions(0, 784, 28, GridExport.MAX_FRAMES);
        assertThat(frames).hasSize(29).startsWith(0, 28, 56).endsWith(756, 784);
    }

    @Test
    void aCompletionStartsAtItsKeptRows() {
        assertThat(GridExport.framePositions(280, 784, 28, 60))
                .hasSize(19)
                .startsWith(280, 308)
                .endsWith(784);
    }

    @Test
    void largeImagesGetSeveralRowsPerFrame() {
        int[] frames = GridExport.framePositions(0, 128 * 128, 128, 60);
        assertThat(frames.length).isLessThanOrEqualTo(61).isGreaterThan(30);
        assertThat(frames[1] % 128).isZero();
        assertThat(frames[frames.length - 1]).isEqualTo(128 * 128);
    }

    @Test
    void anUnfinishedGenerationEndsWhereTheSamplerIs() {
        assertThat(GridExport.framePositions(0, 100, 28, 60)).containsExactly(0, 28, 56, 84, 100);
        assertThat(GridExport.framePositions(0, 0, 28, 60)).containsExactly(0);
    }

    @Test
    void writesAReadablePngAndALoopingGif(@TempDir Path dir) throws Exception {
        PixelModel model = NetworkBuilder.build(PixelCnnSpec.chapter().withSize(8, 8), 3, 1e-3);
        SampleTrace trace = new SampleTrace(4, 8, 8);
        new RasterSampler(SamplerKind.NAIVE).sample(model, SampleRequest.fresh(4, 1, 1.0), trace, () -> false);

        Path png = GridExport.writePng(trace, 64, dir.resolve("grid.png"));
        BufferedImage image = ImageIO.read(png.toFile());
        int scale = GridExport.scale(4, 8);
        assertThat(image.getWidth()).isEqualTo(2 * (8 * scale + 2) + 2);

        Path gif = dir.resolve("generation.gif");
        int frames = GridExport.writeGif(trace, trace.cursor(), gif);
        assertThat(frames).isEqualTo(9);
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(9);
            IIOMetadataNode root =
                    (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode app = (IIOMetadataNode)
                    root.getElementsByTagName("ApplicationExtension").item(0);
            assertThat(app.getAttribute("applicationID")).isEqualTo("NETSCAPE");
            assertThat((byte[]) app.getUserObject()).as("loop forever").containsExactly(1, 0, 0);
            BufferedImage first = reader.read(0);
            BufferedImage last = reader.read(8);
            assertThat(first.getRGB(2 + scale / 2, 2 + scale / 2) & 0xFFFFFF)
                    .as("nothing drawn yet")
                    .isEqualTo(0x202040);
            assertThat(last.getRGB(2 + scale / 2, 2 + scale / 2) & 0xFFFFFF).isIn(0x000000, 0xFFFFFF);
            reader.dispose();
        }
        assertThat(Files.list(dir)).as("no temporary files left").hasSize(2);
    }
}
