package dev.wenku.ingest.registry;

import dev.wenku.events.DocumentStatusChanged.Status;
import java.time.Instant;

/**
 * What an editor asks the document list for: a title search (Simplified or Traditional), filters, an order and a
 * page. Null means no filter.
 *
 * @param title          text the title contains
 * @param status         the pipeline status of the current version
 * @param since          updated at or after
 * @param until          updated before
 * @param includeDeleted whether deleted documents are listed (only they have status DELETED)
 */
public record ListQuery(String title, Status status, String source, String tag, String author, Instant since,
                        Instant until, Sort sort, boolean includeDeleted, int from, int size) {

    /** The order of the list. */
    public enum Sort {
        /** Last changed first (then by id). */
        UPDATED("d.updated_at desc, d.id"),
        /** By title in pinyin order (then by id). */
        TITLE("d.title_sort, d.id"),
        /** By status, then last changed first. */
        STATUS("d.status, d.updated_at desc, d.id");

        private final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }

        String orderBy() {
            return orderBy;
        }
    }
}
