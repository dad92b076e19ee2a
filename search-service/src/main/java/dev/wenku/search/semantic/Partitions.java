package dev.wenku.search.semantic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.sandbox.codecs.quantization.KMeans;
import org.apache.lucene.util.VectorUtil;

/**
 * The passages' partitions of one training ({@link Partitioning}): a centroid per partition, each passage tagged with
 * its nearest ({@link #tag}), a query probing the partitions of its nearest few ({@link #probes}), so a search by
 * meaning compares the passages of a few partitions instead of every passage of the corpus (ADR 15).
 *
 * <p>A tag names its training's generation as well as its partition, {@code 3:117}: a passage tagged by an earlier
 * training is then never taken for one of the current partitions, and the training's sweep finds it by its tag.
 *
 * @param generation the training these centroids come from, counted from 1
 * @param centroids  unit vectors, one per partition
 */
public record Partitions(int generation, float[][] centroids) {

    public Partitions {
        centroids = Arrays.stream(centroids).map(Partitions::unit).toArray(float[][]::new);
    }

    /**
     * Partitions of {@code sample} (unit vectors) by k-means, Lucene's (spherical: centroids normalised; seeded by
     * k-means++), at most {@code count} of them: Lucene trains one per hundred sampled vectors at most, so a smaller
     * sample gets fewer (one, under 200, which a search does not filter by).
     */
    static Partitions train(VectorSample sample, int count, int generation, int iterations) throws IOException {
        if (sample.isEmpty()) {
            return new Partitions(generation, new float[0][]);
        }
        return new Partitions(generation, KMeans.cluster(sample, count, false, generation,
            KMeans.KmeansInitializationMethod.PLUS_PLUS, true, 1, iterations, sample.size()).centroids());
    }

    /**
     * The tag of the partition whose centroid is nearest to {@code vector} (the passage vectors are unit vectors): the
     * sweep asks it of every passage, so it looks for the nearest alone rather than ordering them all.
     */
    public String tag(float[] vector) {
        float[] similarity = similarities(vector);
        if (similarity.length == 0) {
            throw new IllegalStateException("no partition to tag a passage with");
        }
        int nearest = 0;
        for (int i = 1; i < similarity.length; i++) {
            if (similarity[i] > similarity[nearest]) {
                nearest = i;
            }
        }
        return tag(nearest);
    }

    /** The tags of the {@code count} partitions whose centroids are nearest to {@code vector}, nearest first. */
    public List<String> probes(float[] vector, int count) {
        float[] similarity = similarities(vector);
        Integer[] order = new Integer[centroids.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Float.compare(similarity[b], similarity[a]));
        List<String> probes = new ArrayList<>();
        for (int i = 0; i < Math.min(count, order.length); i++) {
            probes.add(tag(order[i]));
        }
        return probes;
    }

    /** {@code vector}'s similarity with each centroid, by partition. */
    private float[] similarities(float[] vector) {
        float[] similarity = new float[centroids.length];
        for (int i = 0; i < centroids.length; i++) {
            similarity[i] = VectorUtil.dotProduct(vector, centroids[i]);
        }
        return similarity;
    }

    /** The prefix every tag of training {@code generation} starts with. */
    public static String tagPrefix(int generation) {
        return generation + ":";
    }

    private String tag(int partition) {
        return tagPrefix(generation) + partition;
    }

    public int count() {
        return centroids.length;
    }

    private static float[] unit(float[] vector) {
        float[] copy = vector.clone();
        double norm = Math.sqrt(VectorUtil.dotProduct(copy, copy));
        if (norm > 0) {
            for (int i = 0; i < copy.length; i++) {
                copy[i] /= (float) norm;
            }
        }
        return copy;
    }
}
