package dev.wenku.ingest.registry;

import java.util.List;

/**
 * One page of the document list ({@code GET /api/documents}).
 *
 * @param total     how many documents match (all pages)
 * @param documents this page's records, newest first
 */
public record DocumentPage(long total, List<DocumentRecord> documents) {
}
