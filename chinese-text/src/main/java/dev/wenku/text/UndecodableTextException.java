package dev.wenku.text;

/** No supported encoding decodes the bytes; {@link #byteOffset()} is where the most plausible one fails. */
public class UndecodableTextException extends Exception {

    private final long byteOffset;
    private final String encoding;

    public UndecodableTextException(long byteOffset, String encoding) {
        super("text cannot be decoded: byte " + byteOffset + " is invalid in " + encoding
            + ", the most plausible of the supported encodings");
        this.byteOffset = byteOffset;
        this.encoding = encoding;
    }

    /** Offset of the first offending byte, counted from the start of the input (a BOM included). */
    public long byteOffset() {
        return byteOffset;
    }

    /** The encoding the offset refers to. */
    public String encoding() {
        return encoding;
    }
}
