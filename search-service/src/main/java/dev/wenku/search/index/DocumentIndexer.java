package dev.wenku.search.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.VersionType;
import dev.wenku.events.DocumentAnalyzed;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes analysed documents with external versioning: the event's version is the document's version in
 * Elasticsearch, so a replayed or late older event never overwrites a newer one (a replay of the same version is
 * accepted, which keeps redelivery idempotent). A write returns once the document is searchable (refresh
 * wait_for), so INDEXED reported after it means a reader can find the document.
 */
@Component
public class DocumentIndexer {

    private static final Logger log = LoggerFactory.getLogger(DocumentIndexer.class);

    private final ElasticsearchClient client;
    private final DocumentIndex index;
    private final Clock clock;

    public DocumentIndexer(ElasticsearchClient client, DocumentIndex index, Clock clock) {
        this.client = client;
        this.index = index;
        this.clock = clock;
    }

    public void index(DocumentAnalyzed event) throws IOException {
        IndexedDocument document = IndexedDocument.from(event, clock.instant());
        try {
            client.index(i -> i.index(index.alias()).id(document.id())
                .version(document.version()).versionType(VersionType.ExternalGte)
                .refresh(Refresh.WaitFor)
                .document(document));
        } catch (ElasticsearchException e) {
            if (e.status() == 409) {
                log.info("Document {} v{} is older than the indexed version; ignored", document.id(), document.version());
                return;
            }
            if (e.status() == 400) {
                throw new UnindexableDocument(document.id(), e);
            }
            throw e;
        }
    }

    /** Removes the document; deleting one that is not there is not an error (replays stay harmless). */
    public void delete(String documentId) throws IOException {
        client.delete(d -> d.index(index.alias()).id(documentId).refresh(Refresh.WaitFor));
        log.info("Deleted document {}", documentId);
    }
}
