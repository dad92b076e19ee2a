package dev.wenku.ingest.documents;

import java.util.List;

/** The JSON an editor uploads: {@code {"title", "body", "source"?, "author"?, "tags"?}}. */
public record DocumentUpload(String title, String body, String source, String author, List<String> tags) {
}
