package dev.wenku.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Partitions trained on vectors of three groups put each group in a partition of its own, tag a vector with its
 * group's, and probe a query's nearest partitions first; a partition needs a hundred sampled vectors.
 */
class PartitionsTest {

    private static final int DIMENSIONS = 64;

    @Test
    void eachGroupOfVectorsGetsAPartitionOfItsOwn() throws Exception {
        Random random = new Random(7);
        List<float[]> groups = List.of(axis(0), axis(1), axis(2));
        VectorSample sample = new VectorSample(DIMENSIONS, 300);
        for (float[] centre : groups) {
            for (int i = 0; i < 100; i++) {
                sample.add(near(centre, random));
            }
        }

        Partitions partitions = Partitions.train(sample, 3, 4, 10);

        assertThat(partitions.count()).isEqualTo(3);
        Set<String> tags = groups.stream().map(partitions::tag).collect(Collectors.toSet());
        assertThat(tags).as("one partition per group").hasSize(3).allMatch(tag -> tag.startsWith("4:"));
        for (float[] centre : groups) {
            assertThat(partitions.tag(near(centre, random))).as("a new vector of a group is tagged with its partition")
                .isEqualTo(partitions.tag(centre));
        }
    }

    @Test
    void aQueryProbesItsNearestPartitionsNearestFirst() throws Exception {
        Partitions partitions = new Partitions(2, new float[][] {axis(0), axis(1), axis(2)});
        float[] query = unit(new float[] {0.2f, 0.9f, 0.5f});

        assertThat(partitions.probes(query, 2)).containsExactly("2:1", "2:2");
        assertThat(partitions.probes(query, 10)).containsExactly("2:1", "2:2", "2:0");
        assertThat(partitions.tag(query)).isEqualTo("2:1");
    }

    @Test
    void aPartitionIsTrainedPerHundredSampledVectorsAtMost() throws Exception {
        Random random = new Random(3);
        VectorSample sample = new VectorSample(DIMENSIONS, 1);
        VectorSample fewer = new VectorSample(DIMENSIONS, 1);
        for (int i = 0; i < 250; i++) {
            float[] vector = near(axis(i % 5), random);
            sample.add(vector);
            if (i < 99) {
                fewer.add(vector);
            }
        }

        assertThat(Partitions.train(sample, 256, 1, 10).count()).isEqualTo(2);
        assertThat(Partitions.train(fewer, 256, 1, 10).count()).isEqualTo(1);
        assertThat(Partitions.train(new VectorSample(DIMENSIONS, 0), 256, 1, 10).count()).isZero();
    }

    @Test
    void aPassageIsTaggedWithItsNearestPartitionAmongMany() {
        Random random = new Random(11);
        float[][] centroids = new float[DIMENSIONS][];
        for (int i = 0; i < DIMENSIONS; i++) {
            centroids[i] = near(axis(i), random);
        }
        Partitions partitions = new Partitions(5, centroids);

        for (int i = 0; i < DIMENSIONS; i++) {
            float[] passage = near(axis(i), random);
            assertThat(partitions.tag(passage)).as("passage near axis %d", i)
                .isEqualTo(partitions.probes(passage, 1).getFirst()).isEqualTo("5:" + i);
        }
    }

    private static float[] axis(int dimension) {
        float[] vector = new float[DIMENSIONS];
        vector[dimension] = 1;
        return vector;
    }

    private static float[] near(float[] centre, Random random) {
        float[] vector = centre.clone();
        for (int i = 0; i < vector.length; i++) {
            vector[i] += (float) (random.nextGaussian() * 0.05);
        }
        return unit(vector);
    }

    private static float[] unit(float[] vector) {
        float[] padded = new float[DIMENSIONS];
        System.arraycopy(vector, 0, padded, 0, vector.length);
        double norm = 0;
        for (float value : padded) {
            norm += value * value;
        }
        for (int i = 0; i < padded.length; i++) {
            padded[i] /= (float) Math.sqrt(norm);
        }
        return padded;
    }
}
