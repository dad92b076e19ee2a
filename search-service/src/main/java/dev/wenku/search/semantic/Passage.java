package dev.wenku.search.semantic;

/**
 * A stretch of a document's body that gets a vector of its own: short enough for the model to read whole (its
 * window is 512 tokens, about as many characters of Chinese), long enough to carry a thought.
 *
 * @param number its place in the document, from 1
 * @param text   the characters of the body it covers
 * @param start  offset of its first character in the body
 * @param end    offset just past its last character
 */
public record Passage(int number, String text, int start, int end) {
}
