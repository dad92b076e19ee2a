package dev.wenku.text;

/** One essay of a {@link Compilation}: its heading (null when the text had none) and its text. */
public record Essay(String title, String body) {
}
