package dev.wenku.search.query;

/** A search request the reader must correct; answered with 400. */
public class InvalidSearch extends RuntimeException {

    private final String error;

    public InvalidSearch(String error, String message) {
        super(message);
        this.error = error;
    }

    public String error() {
        return error;
    }
}
