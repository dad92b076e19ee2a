package dev.wenku.ingest.registry;

import java.util.List;

/**
 * One page of the editors' document list ({@code GET /api/documents}).
 *
 * @param total         how many documents match (all pages)
 * @param totalRelation {@code eq} when {@code total} is exact; {@code about} when it is PostgreSQL's estimate from its
 *                      statistics (for lists read along their order's index, whose count would cost more than the
 *                      page)
 * @param more          whether a next page can be read (there are more matches, within the first
 *                      {@value DocumentRegistry#WINDOW})
 * @param documents     this page's records
 */
public record DocumentPage(long total, String totalRelation, boolean more, List<DocumentRecord> documents) {
}
