package dev.wenku.text;

/** Decoded text and the name of the encoding it was in, e.g. {@code GB18030}, {@code UTF-8 (BOM)}. */
public record DecodedText(String text, String encoding) {
}
