package dev.wenku.search.index;

/** Elasticsearch cannot take writes right now (down, unreachable, overloaded): retry the batch later. */
public class ElasticsearchUnavailableException extends RuntimeException {

    public ElasticsearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
