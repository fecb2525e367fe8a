package org.pixelscope.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

class BinarizedIteratorTest {

    private final ImageSet images = Fixtures.randomImages("random", 10, 28, 28, 11);

    @Test
    void batchesAreNchwFloatWithLabelsEqualToFeatures() {
        BinarizedIterator it = new BinarizedIterator(images, 4, Binarization.STOCHASTIC, 1, false);
        List<Long> sizes = new ArrayList<>();
        while (it.hasNext()) {
            DataSet batch = it.next();
            long n = batch.getFeatures().size(0);
            sizes.add(n);
            assertThat(batch.getFeatures().shape()).containsExactly(n, 1, 28, 28);
            assertThat(batch.getFeatures().dataType()).isEqualTo(DataType.FLOAT);
            assertThat(batch.getLabels()).isEqualTo(batch.getFeatures());
        }
        assertThat(sizes).containsExactly(4L, 4L, 2L);
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        assertThat(it.inputColumns()).isEqualTo(784);
        assertThat(it.totalOutcomes()).isEqualTo(784);
        assertThat(it.batch()).isEqualTo(4);
        assertThat(it.images()).isEqualTo(10);
        assertThat(it.resetSupported()).isTrue();
        assertThat(it.asyncSupported()).isFalse();
        assertThat(it.getLabels()).isNull();
    }

    @Test
    void featuresMatchBinarization() {
        BinarizedIterator it = new BinarizedIterator(images, 10, Binarization.STOCHASTIC, 9, false);
        float[] expected = Binarization.STOCHASTIC.binarize(images, 0, 10, 9);
        assertThat(it.next().getFeatures().data().asFloat()).isEqualTo(expected);
    }

    @Test
    void resetStartsAFreshEpochThatReplaysForTheSameSeed() {
        BinarizedIterator a = new BinarizedIterator(images, 4, Binarization.STOCHASTIC, 5, true);
        BinarizedIterator b = new BinarizedIterator(images, 4, Binarization.STOCHASTIC, 5, true);
        float[] first = firstBatch(a);
        assertThat(firstBatch(b)).isEqualTo(first);

        a.reset();
        assertThat(a.epoch()).isEqualTo(1);
        assertThat(firstBatch(a)).isNotEqualTo(first);
        a.resetTo(0);
        assertThat(firstBatch(a)).isEqualTo(first);
    }

    @Test
    void fixedIteratorKeepsItsBitsAcrossEpochs() {
        BinarizedIterator it = BinarizedIterator.evaluation(images, 3);
        float[] first = firstBatch(it);
        it.reset();
        assertThat(firstBatch(it))
                .isEqualTo(first)
                .isEqualTo(Binarization.STOCHASTIC.binarize(images, 0, 3, Binarization.FIXED_TEST_SEED));
    }

    @Test
    void shuffleReordersButKeepsEveryImage() {
        List<String> plain = allImages(new BinarizedIterator(images, 3, Binarization.THRESHOLD, 2, false));
        BinarizedIterator shuffled = new BinarizedIterator(images, 3, Binarization.THRESHOLD, 2, true);
        List<String> epoch0 = allImages(shuffled);
        shuffled.reset();
        List<String> epoch1 = allImages(shuffled);

        assertThat(epoch0).isNotEqualTo(plain).containsExactlyInAnyOrderElementsOf(plain);
        assertThat(epoch1).isNotEqualTo(epoch0).containsExactlyInAnyOrderElementsOf(plain);
    }

    @Test
    void preProcessorIsApplied() {
        BinarizedIterator it = new BinarizedIterator(images, 4, Binarization.THRESHOLD, 0, false);
        it.setPreProcessor(ds -> ds.getFeatures().muli(2));
        assertThat(it.getPreProcessor()).isNotNull();
        DataSet batch = it.next();
        assertThat(batch.getFeatures().maxNumber().floatValue()).isEqualTo(2f);
        assertThat(batch.getLabels().maxNumber().floatValue()).isEqualTo(1f);
    }

    private static float[] firstBatch(BinarizedIterator it) {
        return it.next().getFeatures().data().asFloat();
    }

    /** Each image's bits as a string, in the order the iterator yields them. */
    private static List<String> allImages(BinarizedIterator it) {
        List<String> out = new ArrayList<>();
        while (it.hasNext()) {
            float[] data = it.next().getFeatures().data().asFloat();
            for (int i = 0; i < data.length; i += 784) {
                out.add(Arrays.toString(Arrays.copyOfRange(data, i, i + 784)));
            }
        }
        return out;
    }
}
