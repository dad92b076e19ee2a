package dev.wenku.search.semantic;

import java.util.Arrays;
import org.apache.lucene.index.FloatVectorValues;

/**
 * A partitioning run's training sample, one byte a dimension ({@link Partitioning}, ADR 15): Lucene's k-means takes
 * at least a hundred vectors per partition, and a corpus's partitions grow with it (up to
 * {@code SearchProperties.Semantic.MAX_PARTITIONS}), so as floats (2 KB a vector of 512 dimensions) the sample of a
 * million passages would fill half of search-service's heap. Each vector is scaled so its largest component is 127
 * and rounded: a component is off by at most half a step (0.4 % of the largest), far less than tells one partition's
 * centroid from the next, and the sample takes a quarter of the memory. k-means reads a vector back as floats
 * ({@link #vectorValue}) into one buffer per reader, which it copies where it keeps one, as Lucene's own readers
 * require.
 */
final class VectorSample extends FloatVectorValues {

    private static final float STEPS = 127f;

    private final int dimension;
    private byte[] codes;
    private float[] scales;
    private int size;
    private final float[] buffer;

    /** An empty sample of vectors of {@code dimension} numbers, room made for {@code expected} of them. */
    VectorSample(int dimension, int expected) {
        this(dimension, new byte[Math.max(1, expected) * dimension], new float[Math.max(1, expected)], 0);
    }

    private VectorSample(int dimension, byte[] codes, float[] scales, int size) {
        this.dimension = dimension;
        this.codes = codes;
        this.scales = scales;
        this.size = size;
        this.buffer = new float[dimension];
    }

    /** Adds {@code vector}, kept as bytes; it must have this sample's dimensions. */
    void add(float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("a vector of " + vector.length + " dimensions in a sample of "
                + dimension);
        }
        if (size == scales.length) {
            scales = Arrays.copyOf(scales, size * 2);
            codes = Arrays.copyOf(codes, size * 2 * dimension);
        }
        float largest = 0;
        for (float component : vector) {
            largest = Math.max(largest, Math.abs(component));
        }
        float scale = largest == 0 ? 1 : largest / STEPS;
        int offset = size * dimension;
        for (int i = 0; i < dimension; i++) {
            codes[offset + i] = (byte) Math.round(vector[i] / scale);
        }
        scales[size++] = scale;
    }

    /** The vector of {@code ord} as floats, in a buffer the next call of this reader overwrites. */
    @Override
    public float[] vectorValue(int ord) {
        float scale = scales[ord];
        int offset = ord * dimension;
        for (int i = 0; i < dimension; i++) {
            buffer[i] = codes[offset + i] * scale;
        }
        return buffer;
    }

    /** Another reader of the same vectors, with a buffer of its own. */
    @Override
    public VectorSample copy() {
        return new VectorSample(dimension, codes, scales, size);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }
}
