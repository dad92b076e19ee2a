package dev.wenku.search.semantic;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a body into {@link Passage}s of at most {@code maxCharacters}. Lines (paragraphs, or the lines of a poem) are
 * kept together while they fit, so a short poem is one passage and an essay's paragraph is one or a few; a line
 * longer than the limit is cut after a sentence's end (。！？；…), and only where a sentence itself is too long, at the
 * limit. Blank stretches never make a passage. Offsets are those of the body, so the reading view can mark the
 * passage a semantic hit came from.
 */
public final class Passages {

    private static final String SENTENCE_ENDS = "。！？；…!?;";

    private Passages() {
    }

    public static List<Passage> of(String body, int maxCharacters) {
        if (maxCharacters < 1) {
            throw new IllegalArgumentException("maxCharacters must be at least 1, not " + maxCharacters);
        }
        List<Passage> passages = new ArrayList<>();
        if (body == null) {
            return passages;
        }
        int start = -1;
        int end = -1;
        for (int[] line : lines(body, maxCharacters)) {
            if (start >= 0 && line[1] - start > maxCharacters) {
                add(passages, body, start, end);
                start = -1;
            }
            if (start < 0) {
                start = line[0];
            }
            end = line[1];
        }
        if (start >= 0) {
            add(passages, body, start, end);
        }
        return passages;
    }

    /** The body's non-blank lines, trimmed, each cut into pieces of at most {@code max} characters. */
    private static List<int[]> lines(String body, int max) {
        List<int[]> pieces = new ArrayList<>();
        int lineStart = 0;
        while (lineStart <= body.length()) {
            int lineEnd = body.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = body.length();
            }
            int from = skipBlank(body, lineStart, lineEnd);
            int to = trimEnd(body, from, lineEnd);
            while (to - from > max) {
                int cut = sentenceCut(body, from, from + max);
                pieces.add(new int[] {from, cut});
                from = skipBlank(body, cut, to);
            }
            if (to > from) {
                pieces.add(new int[] {from, to});
            }
            lineStart = lineEnd + 1;
        }
        return pieces;
    }

    /** Just past the last sentence end in {@code (from, limit]}, or {@code limit} when the sentence is too long. */
    private static int sentenceCut(String body, int from, int limit) {
        for (int i = limit; i > from + 1; i--) {
            if (SENTENCE_ENDS.indexOf(body.charAt(i - 1)) >= 0) {
                return i;
            }
        }
        return limit;
    }

    private static int skipBlank(String body, int from, int to) {
        while (from < to && isBlank(body.charAt(from))) {
            from++;
        }
        return from;
    }

    private static int trimEnd(String body, int from, int to) {
        while (to > from && isBlank(body.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static void add(List<Passage> passages, String body, int start, int end) {
        passages.add(new Passage(passages.size() + 1, body.substring(start, end), start, end));
    }
}
