package dev.wenku.search.index;

/** Elasticsearch cannot take writes right now (down, unreachable, overloaded): retry the batch later. */
public class ElasticsearchUnavailable extends RuntimeException {

    public ElasticsearchUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
