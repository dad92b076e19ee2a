package dev.wenku.analysis.web;

/** Every error body of the API: a stable machine-readable code and a sentence for people. */
public record ApiError(String error, String message) {
}
