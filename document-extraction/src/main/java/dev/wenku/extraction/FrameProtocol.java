package dev.wenku.extraction;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The conversation between the service and a worker over the worker's stdin and stdout. Every field is
 * length-prefixed: a string is an int byte count (-1 for null) followed by UTF-8 bytes.
 * <ul>
 * <li>worker → service, once at start: the int {@link #READY};</li>
 * <li>service → worker: file name (string), content (int count + bytes);</li>
 * <li>worker → service: status (byte), media type, title, author, text or error message (strings).</li>
 * </ul>
 */
final class FrameProtocol {

    /** "WKRD": written by a worker once Tika is loaded, so a start failure is told apart from a slow parse. */
    static final int READY = 0x574B5244;

    private FrameProtocol() {
    }

    record Request(String fileName, byte[] content) {
    }

    enum Status { OK, UNSUPPORTED_TYPE, MALFORMED, TOO_LARGE }

    /** For {@link Status#OK} {@code textOrMessage} is the text, otherwise the message without the file name. */
    record Response(Status status, String mediaType, String title, String author, String textOrMessage) {
        static Response failure(Status status, String mediaType, String message) {
            return new Response(status, mediaType, null, null, message);
        }
    }

    static void writeReady(DataOutputStream out) throws IOException {
        out.writeInt(READY);
        out.flush();
    }

    static void readReady(DataInputStream in) throws IOException {
        int word = in.readInt();
        if (word != READY) throw new IOException("worker sent 0x" + Integer.toHexString(word) + " instead of its ready signal");
    }

    static void writeRequest(DataOutputStream out, Request request) throws IOException {
        writeString(out, request.fileName());
        out.writeInt(request.content().length);
        out.write(request.content());
        out.flush();
    }

    /** Returns null at a clean end of input, i.e. when the service closed the worker's stdin. */
    static Request readRequest(DataInputStream in, long maxContentBytes) throws IOException {
        int first = in.read();
        if (first < 0) return null;
        int nameLength = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedShort());
        String fileName = readString(in, nameLength, 64 * 1024);
        int contentLength = in.readInt();
        if (contentLength < 0 || contentLength > maxContentBytes) throw new IOException("bad content length " + contentLength);
        byte[] content = in.readNBytes(contentLength);
        if (content.length != contentLength) throw new EOFException("request ended early");
        return new Request(fileName, content);
    }

    static void writeResponse(DataOutputStream out, Response response) throws IOException {
        out.writeByte(response.status().ordinal());
        writeString(out, response.mediaType());
        writeString(out, response.title());
        writeString(out, response.author());
        writeString(out, response.textOrMessage());
        out.flush();
    }

    static Response readResponse(DataInputStream in, int maxStringBytes) throws IOException {
        int status = in.readUnsignedByte();
        if (status >= Status.values().length) throw new IOException("bad status " + status);
        String mediaType = readString(in, in.readInt(), 1024);
        String title = readString(in, in.readInt(), 64 * 1024);
        String author = readString(in, in.readInt(), 64 * 1024);
        String text = readString(in, in.readInt(), maxStringBytes);
        return new Response(Status.values()[status], mediaType, title, author, text);
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in, int length, int maxBytes) throws IOException {
        if (length == -1) return null;
        if (length < 0 || length > maxBytes) throw new IOException("bad string length " + length);
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) throw new EOFException("frame ended early");
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
