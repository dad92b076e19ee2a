package dev.wenku.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the servers of a platform's data directory hold on disk: PostgreSQL's, Kafka's and Elasticsearch's folders.
 *
 * <p>One reading includes each server's fixed costs (write-ahead log segments, preallocated index files of every
 * partition), which dominate a small corpus; the growth between two readings of one run, divided by the documents
 * added meanwhile, is the cost per document at scale ({@link #perDocumentSince}).
 *
 * @param postgres      bytes under {@code postgres/}
 * @param kafka         bytes under {@code kafka/} (every replica of every node)
 * @param elasticsearch bytes under {@code elasticsearch/} (every copy of every shard, translog included)
 */
record DataOnDisk(long postgres, long kafka, long elasticsearch) {

    /** Reads the data directory of a running platform. */
    static DataOnDisk of(Path data) {
        return new DataOnDisk(size(data.resolve("postgres")), size(data.resolve("kafka")),
            size(data.resolve("elasticsearch")));
    }

    /** "PostgreSQL 1,234, Kafka 5,678, Elasticsearch 910 B/document" from {@code earlier} to this reading. */
    String perDocumentSince(DataOnDisk earlier, long documentsAdded) {
        long documents = Math.max(1, documentsAdded);
        return String.format(Locale.ROOT, "PostgreSQL %,d, Kafka %,d, Elasticsearch %,d B/document",
            (postgres - earlier.postgres) / documents, (kafka - earlier.kafka) / documents,
            (elasticsearch - earlier.elasticsearch) / documents);
    }

    /**
     * Bytes of every file under {@code directory}. A running server deletes files and folders as it goes (segments
     * merged, logs rolled): a file gone before it is measured counts 0, a folder gone while it is walked starts the
     * walk again.
     */
    private static long size(Path directory) {
        for (int attempt = 1; ; attempt++) {
            if (!Files.isDirectory(directory)) {
                return 0;
            }
            try (Stream<Path> files = Files.walk(directory)) {
                return files.filter(Files::isRegularFile).mapToLong(DataOnDisk::sizeOf).sum();
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException) || attempt == 3) {
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
