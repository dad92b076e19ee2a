package dev.wenku.search.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Moves highlights found in the Simplified text onto the original-script text the reader sees. Traditional →
 * Simplified conversion keeps one character per character, so a fragment's position in the Simplified text is its
 * position in the original; where the lengths differ, the Simplified fragment is shown instead.
 */
final class OriginalScriptHighlights {

    private static final String OPEN = "<em>";
    private static final String CLOSE = "</em>";
    /** What ends a clause or closes a quote, and so never begins one. */
    private static final String CLAUSE_END = "、，。；：！？,.;:!?）)」』”’》〉】";

    private OriginalScriptHighlights() {
    }

    /**
     * @param fragment an HTML-escaped fragment of {@code simplified} with {@code <em>} around matches
     */
    static String toOriginal(String fragment, String simplified, String original) {
        if (simplified == null || original == null || simplified.length() != original.length()) {
            return fragment;
        }
        List<int[]> marks = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < fragment.length()) {
            if (fragment.startsWith(OPEN, i)) {
                marks.add(new int[] {plain.length(), -1});
                i += OPEN.length();
            } else if (fragment.startsWith(CLOSE, i) && !marks.isEmpty()) {
                marks.getLast()[1] = plain.length();
                i += CLOSE.length();
            } else if (fragment.charAt(i) == '&') {
                int end = fragment.indexOf(';', i);
                plain.append(unescape(end < 0 ? "&" : fragment.substring(i, end + 1)));
                i = end < 0 ? i + 1 : end + 1;
            } else {
                plain.append(fragment.charAt(i++));
            }
        }
        int start = simplified.indexOf(plain.toString());
        if (start < 0) {
            return fragment;
        }
        String source = original.substring(start, start + plain.length());
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int[] mark : marks) {
            int end = mark[1] < 0 ? plain.length() : mark[1];
            out.append(escape(source.substring(at, mark[0]))).append(OPEN)
                .append(escape(source.substring(mark[0], end))).append(CLOSE);
            at = end;
        }
        return out.append(escape(source.substring(at))).toString();
    }

    /**
     * The fragment without the punctuation and spaces it starts with: Elasticsearch cuts a long sentence at a word
     * boundary, so a fragment could begin with the 、 or ， after a word it left out (、一系列重大部署…); a reader
     * expects it to begin where a clause does.
     */
    static String fromClauseStart(String fragment) {
        int start = 0;
        while (start < fragment.length() && !fragment.startsWith(OPEN, start)) {
            char c = fragment.charAt(start);
            if (Character.isWhitespace(c) || c == '\u3000' || CLAUSE_END.indexOf(c) >= 0) {
                start++;
            } else {
                break;
            }
        }
        return fragment.substring(start);
    }

    private static String unescape(String entity) {
        return switch (entity) {
            case "&amp;" -> "&";
            case "&lt;" -> "<";
            case "&gt;" -> ">";
            case "&quot;" -> "\"";
            case "&#x27;", "&#39;" -> "'";
            case "&#x2F;" -> "/";
            default -> entity;
        };
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
            .replace("'", "&#x27;");
    }
}
