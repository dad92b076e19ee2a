package dev.wenku.ingest.registry;

import java.util.List;

/**
 * One page of the editors' document list ({@code GET /api/documents}).
 *
 * @param total         how many documents match (all pages), counted exactly up to {@value DocumentRegistry#COUNT_LIMIT}
 * @param totalRelation {@code eq} when {@code total} is exact, {@code gte} when at least that many match (counting
 *                      further would cost more than the page)
 * @param documents     this page's records
 */
public record DocumentPage(long total, String totalRelation, List<DocumentRecord> documents) {
}
