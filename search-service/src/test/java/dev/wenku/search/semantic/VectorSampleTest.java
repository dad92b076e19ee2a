package dev.wenku.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;

/**
 * A training sample kept a byte a dimension reads its vectors back as floats within half a step (the largest
 * component / 127) of what was added, so their similarities with any other vector barely move, each reader with a
 * buffer of its own.
 */
class VectorSampleTest {

    private static final int DIMENSIONS = 512;

    @Test
    void aVectorReadBackKeepsItsSimilarities() {
        Random random = new Random(5);
        VectorSample sample = new VectorSample(DIMENSIONS, 2);
        float[][] vectors = new float[10][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = unit(random);
            sample.add(vectors[i]);
        }

        assertThat(sample.size()).isEqualTo(10);
        for (int i = 0; i < vectors.length; i++) {
            float[] read = sample.vectorValue(i).clone();
            float halfStep = largest(vectors[i]) / 127 / 2;
            for (int j = 0; j < DIMENSIONS; j++) {
                assertThat(read[j]).as("component %d of vector %d", j, i)
                    .isCloseTo(vectors[i][j], within(halfStep * 1.001f));
            }
            float[] other = unit(random);
            assertThat(VectorUtil.dotProduct(read, other))
                .isCloseTo(VectorUtil.dotProduct(vectors[i], other), within(0.002f));
        }
    }

    @Test
    void eachReaderReadsIntoABufferOfItsOwn() {
        Random random = new Random(9);
        VectorSample sample = new VectorSample(DIMENSIONS, 2);
        sample.add(unit(random));
        sample.add(unit(random));
        VectorSample copy = sample.copy();

        float[] first = sample.vectorValue(0);
        float[] firstAgain = first.clone();
        copy.vectorValue(1);

        assertThat(first).containsExactly(firstAgain);
        assertThat(copy.size()).isEqualTo(2);
    }

    @Test
    void aVectorOfOtherDimensionsIsRefused() {
        VectorSample sample = new VectorSample(DIMENSIONS, 1);

        assertThatThrownBy(() -> sample.add(new float[3])).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("3 dimensions");
    }

    private static float largest(float[] vector) {
        float largest = 0;
        for (float component : vector) {
            largest = Math.max(largest, Math.abs(component));
        }
        return largest;
    }

    private static float[] unit(Random random) {
        float[] vector = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        VectorUtil.l2normalize(vector);
        return vector;
    }
}
