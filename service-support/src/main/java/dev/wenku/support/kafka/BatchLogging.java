package dev.wenku.support.kafka;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;

/**
 * How much a batch listener logs about the documents it handles: a line each while its batches are small (an upload
 * arrives alone or with a few others, and its line carries the trace its request started), one line per batch once
 * they are large (a bulk import fills them), each document then at DEBUG. A line per document came to 13.9 MB of log
 * in analysis- and search-service together for 30,000 imported poems, growing with the corpus; 0.6 MB with a line
 * per batch. Turn a service's logger to DEBUG to see every document again.
 */
public final class BatchLogging {

    /** Batches of at most this many records log each document at INFO. */
    public static final int PER_DOCUMENT_UP_TO = 10;

    private BatchLogging() {
    }

    /** Whether a batch of {@code records} logs each of its documents at INFO. */
    public static boolean perDocument(int records) {
        return records <= PER_DOCUMENT_UP_TO;
    }

    /**
     * Whether a line about one document of a batch gets written at all: always in a small batch, in a large one only
     * at DEBUG. Lets a caller skip building the line's arguments (or a span for it) that nobody would read.
     */
    public static boolean logged(Logger log, boolean perDocument) {
        return perDocument || log.isDebugEnabled();
    }

    /**
     * Logs the line of a whole batch, {@code "<done> a batch of N documents (first <key>, last <key>)"}: at INFO for a
     * large batch, which is all its documents get at INFO; at DEBUG for a small one, whose documents have their own.
     */
    public static void batch(Logger log, String done, List<? extends ConsumerRecord<?, ?>> records) {
        if (records.isEmpty() || perDocument(records.size()) && !log.isDebugEnabled()) {
            return;
        }
        String format = "{} a batch of {} documents (first {}, last {})";
        Object[] arguments = {done, records.size(), records.getFirst().key(), records.getLast().key()};
        if (perDocument(records.size())) {
            log.debug(format, arguments);
        } else {
            log.info(format, arguments);
        }
    }

    /** Logs a line about one document: at INFO in a small batch ({@code perDocument}), at DEBUG in a large one. */
    public static void document(Logger log, boolean perDocument, String format, Object... arguments) {
        if (perDocument) {
            log.info(format, arguments);
        } else {
            log.debug(format, arguments);
        }
    }
}
