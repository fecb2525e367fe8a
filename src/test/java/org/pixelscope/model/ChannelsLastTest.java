package org.pixelscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ChannelsLast}'s blocked copies against the element-by-element definition, for channel counts on and off its block. */
class ChannelsLastTest {

    private static final int HEIGHT = 5;
    private static final int WIDTH = 7;
    private static final int TOP = 2;
    private static final int LEFT = 1;
    private static final int FRAME_WIDTH = WIDTH + LEFT + 3;
    /** Offsets into both arrays, so a copy that ignores them shows. */
    private static final int SRC_FROM = 3;

    private static final int DST_FROM = 5;

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 13, 32})
    void toFrameWritesEachPixelsChannelsAtItsFramePositionAndNothingElse(int channels) {
        float[] planes = random(SRC_FROM + channels * HEIGHT * WIDTH, 1);
        float[] frame = new float[DST_FROM + (HEIGHT + TOP) * FRAME_WIDTH * channels + 4];
        java.util.Arrays.fill(frame, -9f);
        float[] expected = frame.clone();
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    expected[DST_FROM + ((y + TOP) * FRAME_WIDTH + x + LEFT) * channels + c] =
                            planes[SRC_FROM + c * HEIGHT * WIDTH + y * WIDTH + x];
                }
            }
        }

        ChannelsLast.toFrame(planes, SRC_FROM, HEIGHT, WIDTH, channels, frame, DST_FROM, TOP, LEFT, FRAME_WIDTH);

        assertThat(frame).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 13, 32})
    void toPlanesCopiesOrAddsEachPixelsChannelsIntoThePlanes(int channels) {
        float[] frame = random(SRC_FROM + (HEIGHT + TOP) * FRAME_WIDTH * channels, 2);
        float[] start = random(DST_FROM + channels * HEIGHT * WIDTH + 4, 3);
        float[] copied = start.clone();
        float[] added = start.clone();
        float[] expectCopied = start.clone();
        float[] expectAdded = start.clone();
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    int p = DST_FROM + c * HEIGHT * WIDTH + y * WIDTH + x;
                    float v = frame[SRC_FROM + ((y + TOP) * FRAME_WIDTH + x + LEFT) * channels + c];
                    expectCopied[p] = v;
                    expectAdded[p] += v;
                }
            }
        }

        ChannelsLast.toPlanes(
                frame, SRC_FROM, TOP, LEFT, FRAME_WIDTH, channels, copied, DST_FROM, HEIGHT, WIDTH, false);
        ChannelsLast.toPlanes(frame, SRC_FROM, TOP, LEFT, FRAME_WIDTH, channels, added, DST_FROM, HEIGHT, WIDTH, true);

        assertThat(copied).containsExactly(expectCopied);
        assertThat(added).containsExactly(expectAdded);
    }

    private static float[] random(int length, long seed) {
        Random random = new Random(seed);
        float[] a = new float[length];
        for (int i = 0; i < length; i++) {
            a[i] = random.nextFloat() * 2 - 1;
        }
        return a;
    }
}
