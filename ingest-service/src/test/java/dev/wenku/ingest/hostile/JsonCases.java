package dev.wenku.ingest.hostile;

import static dev.wenku.ingest.hostile.HostileBytes.SIMPLIFIED;
import static dev.wenku.ingest.hostile.HostileBytes.excerpt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/** Malformed JSON uploads to {@code POST /api/documents} (application/json). */
final class JsonCases {

    private static final Set<String> MALFORMED = Set.of("malformed_json");
    /** An empty body is not JSON at all: the request lacks its body. */
    private static final Set<String> MISSING_BODY = Set.of("missing_body");
    private static final long MAX_BODY = 2L * 1024 * 1024;
    /** The request limit of the defaults: max-file-size (20 MB) + 64 KiB. */
    private static final long MAX_REQUEST = 20L * 1024 * 1024 + 64 * 1024;

    private JsonCases() {
    }

    static String validDocument(Random random) {
        return "{\"title\":\"" + excerpt(random, SIMPLIFIED, 12) + random.nextInt(1000) + "\",\"body\":\""
            + excerpt(random, SIMPLIFIED, 60) + "\",\"source\":\"hostile\",\"tags\":[\"经济\",\"t" + random.nextInt(9) + "\"]}";
    }

    static void truncated(Random random, Consumer<HostileCase> out) {
        String document = validDocument(random);
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        int cut = random.nextInt(bytes.length);
        byte[] prefix = java.util.Arrays.copyOf(bytes, cut);
        out.accept(HostileCase.cheap("json.truncated", "valid document cut after " + cut + " of " + bytes.length
            + " bytes", 400, cut == 0 ? MISSING_BODY : MALFORMED, Uploads.json(prefix)));
    }

    private static final List<String> WRONG_STRING = List.of("[\"a\",\"b\"]", "{\"text\":\"正文\"}", "[]", "{}", "[[1]]");
    private static final List<String> WRONG_LIST = List.of("\"经济\"", "42", "true", "{\"a\":\"b\"}", "[[\"a\"]]",
        "[{\"a\":1}]");
    private static final List<String> NOT_AN_OBJECT = List.of("[]", "[{\"title\":\"a\",\"body\":\"b\"}]", "\"正文\"",
        "42", "true", "false", "-0.5e3");

    static void wrongTypes(Random random, Consumer<HostileCase> out) {
        String title = "\"" + excerpt(random, SIMPLIFIED, 10) + "\"";
        String body = "\"" + excerpt(random, SIMPLIFIED, 40) + "\"";
        String json = switch (random.nextInt(5)) {
            case 0 -> "{\"title\":" + pick(random, WRONG_STRING) + ",\"body\":" + body + "}";
            case 1 -> "{\"title\":" + title + ",\"body\":" + pick(random, WRONG_STRING) + "}";
            case 2 -> "{\"title\":" + title + ",\"body\":" + body + ",\"source\":" + pick(random, WRONG_STRING) + "}";
            case 3 -> "{\"title\":" + title + ",\"body\":" + body + ",\"tags\":" + pick(random, WRONG_LIST) + "}";
            default -> pick(random, NOT_AN_OBJECT);
        };
        out.accept(HostileCase.cheap("json.wrongTypes", json, 400, MALFORMED, Uploads.json(json)));
    }

    static void missingFields(Random random, Consumer<HostileCase> out) {
        String title = "\"" + excerpt(random, SIMPLIFIED, 10) + "\"";
        String body = "\"" + excerpt(random, SIMPLIFIED, 40) + "\"";
        String blank = pick(random, List.of("\"\"", "\"   \"", "\"\\n\\t\"", "\"\u3000\u3000\"", "null"));
        int variant = random.nextInt(6);
        String json = switch (variant) {
            case 0 -> "{}";
            case 1 -> "{\"body\":" + body + "}";
            case 2 -> "{\"title\":" + blank + ",\"body\":" + body + "}";
            case 3 -> "{\"title\":" + title + "}";
            case 4 -> "{\"title\":" + title + ",\"body\":" + blank + "}";
            default -> "{\"source\":\"s\",\"tags\":[\"a\"]}";
        };
        String error = variant == 3 || variant == 4 ? "empty_body" : "missing_title";
        out.accept(HostileCase.cheap("json.missingFields", json, 400, Set.of(error), Uploads.json(json)));
    }

    /** Arrays or objects nested up to 100,000 deep, in every place a value can be. */
    static void deepNesting(Random random, Consumer<HostileCase> out) {
        int depth = random.nextInt(4) == 0 ? 100_000 : 2_000 + random.nextInt(98_000);
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String nested = open.repeat(depth) + "1" + close.repeat(depth);
        String json = switch (random.nextInt(5)) {
            case 0 -> nested;
            case 1 -> "{\"title\":\"深\",\"body\":\"正文\",\"extra\":" + nested + "}";
            case 2 -> "{\"title\":\"深\",\"body\":" + nested + "}";
            case 3 -> "{\"title\":\"深\",\"body\":\"正文\",\"tags\":[" + nested + "]}";
            default -> open.repeat(depth);
        };
        out.accept(HostileCase.cheap("json.deepNesting", (arrays ? "arrays" : "objects") + " nested " + depth
            + " deep, " + json.length() + " chars: " + json.substring(0, 40) + "…", 400, MALFORMED, Uploads.json(json)));
    }

    static void invalidSyntax(Random random, Consumer<HostileCase> out) {
        String title = excerpt(random, SIMPLIFIED, 10);
        String body = excerpt(random, SIMPLIFIED, 40);
        String description;
        byte[] bytes;
        String contentType = "application/json";
        switch (random.nextInt(11)) {
            case 0 -> {
                bytes = HostileBytes.random(random, HostileBytes.length(random, 4096));
                bytes[0] = (byte) "{[\"x!#%".charAt(random.nextInt(7));
                description = "random " + bytes.length + " bytes starting with '" + (char) bytes[0] + "'";
            }
            case 1 -> {
                byte[] head = ("{\"title\":\"" + title + "\",\"body\":\"").getBytes(StandardCharsets.UTF_8);
                byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xE4, (byte) 0xB8};
                bytes = HostileBytes.concat(head, bad, (body + "\"}").getBytes(StandardCharsets.UTF_8));
                description = "invalid UTF-8 (C3 28 FF E4 B8) inside the body string";
            }
            case 2 -> {
                String json = "{'title':'" + title + "','body':'" + body + "'}";
                bytes = json.getBytes(StandardCharsets.UTF_8);
                description = json;
            }
            case 3 -> {
                String json = "{title:\"" + title + "\",body:\"" + body + "\"}";
                bytes = json.getBytes(StandardCharsets.UTF_8);
                description = json;
            }
            case 4 -> {
                String json = "{\"title\":\"" + title + "\",\"body\":\"" + body + "\",}";
                bytes = json.getBytes(StandardCharsets.UTF_8);
                description = json;
            }
            case 5 -> {
                String json = "{\"title\":\"" + title + "\",\"body\":\"" + body + "\u0001\u0000" + body + "\"}";
                bytes = json.getBytes(StandardCharsets.UTF_8);
                description = "unescaped control characters U+0001 U+0000 in the body string";
            }
            case 6 -> {
                String json = "{\"title\":\"" + title + "\",\"body\":\"" + body + "\"} trailing " + body;
                bytes = json.getBytes(StandardCharsets.UTF_8);
                description = json;
            }
            case 7 -> {
                String json = "{\"title\":\"" + title + "\",\"body\":\"" + body + "\"}{\"title\":\"b\",\"body\":\"c\"}";
                bytes = json.getBytes(StandardCharsets.UTF_8);
                description = "two documents back to back: " + json;
            }
            case 8 -> {
                String json = "{\"title\":\"" + title + "\",\"body\":\"" + body + "\\x41\\u12\"}";
                bytes = json.getBytes(StandardCharsets.UTF_8);
                description = "bad escapes: " + json;
            }
            case 9 -> {
                String json = "{\"title\":\"" + title + "\" /* c */, \"body\":NaN}";
                bytes = json.getBytes(StandardCharsets.UTF_8);
                description = json;
            }
            default -> {
                bytes = validDocument(random).getBytes(StandardCharsets.UTF_8);
                contentType = "application/json; charset=" + pick(random, List.of("UTF-32", "utf-16"));
                bytes = contentType.contains("32") || contentType.contains("16") ? HostileBytes.concat(bytes, new byte[] {'x'}) : bytes;
                description = "a UTF-8 document declared as " + contentType;
            }
        }
        out.accept(HostileCase.cheap("json.invalidSyntax", description, 400, MALFORMED, Uploads.post(contentType, bytes)));
    }

    /**
     * One line over max-body-size (2 MB) in the body, or over max-document-size (256 KB) in the title, some over the
     * whole request limit too.
     */
    static void hugeLine(Random random, Consumer<HostileCase> out) {
        boolean overRequestLimit = random.nextInt(5) == 0;
        long length = overRequestLimit ? MAX_REQUEST + 1 + random.nextInt(8 * 1024 * 1024)
            : MAX_BODY + 1 + random.nextInt(2 * 1024 * 1024);
        boolean inTitle = random.nextInt(3) == 0;
        byte[] filler = (random.nextBoolean() ? "新质生产力" : "abcdefghij").getBytes(StandardCharsets.UTF_8);
        byte[] head = (inTitle ? "{\"body\":\"正文\",\"title\":\"" : "{\"title\":\"长\",\"body\":\"")
            .getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        long total = length - length % filler.length + head.length + tail.length;
        out.accept(new HostileCase("json.hugeLine", "one line of " + length + " bytes in the " + (inTitle ? "title" : "body"),
            Set.of(413), overRequestLimit ? Set.of("request_too_large")
                : Set.of(inTitle ? "document_too_large" : "body_too_large"), false, false,
            Uploads.streamed("application/json", head, filler, tail, total)));
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
