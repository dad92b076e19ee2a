package dev.wenku.search.query;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import dev.wenku.text.PinyinText;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a reader typed, parsed: words and {@code "quoted phrases"}, {@code OR} between alternatives, {@code -} in
 * front of what must not occur; everything else is ANDed. This is the only query syntax readers have: the parsed
 * terms become match queries, never raw Elasticsearch syntax.
 *
 * @param required groups that must all match; each group matches when any of its alternatives does
 * @param excluded terms no result may contain
 */
public record UserQuery(List<List<Term>> required, List<Term> excluded) {

    /** A word or a phrase. */
    public record Term(String text, boolean phrase) {

        /** Latin letters only: may be pinyin ({@code xinzhishengchanli}) or initials ({@code xzscl}). */
        public boolean mayBePinyin() {
            return !phrase && text.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
        }
    }

    /**
     * Pinyin typed with spaces between syllables ({@code chuang xin}, {@code shu zi jing ji}) as the one word it
     * spells: each run of two or more words to find that are letters only (none an alternative or a phrase) and
     * together two or more syllables of pinyin becomes one word. The other words stay as they are.
     */
    public UserQuery withSpacedPinyinJoined() {
        List<List<Term>> joined = new ArrayList<>();
        int i = 0;
        while (i < required.size()) {
            int end = i;
            while (end < required.size() && isPlainLatinWord(required.get(end))) {
                end++;
            }
            String run = required.subList(i, end).stream().map(group -> group.getFirst().text())
                .collect(Collectors.joining());
            if (end - i >= 2 && PinyinText.typedSyllables(run).size() >= 2) {
                joined.add(List.of(new Term(run, false)));
                i = end;
            } else {
                joined.add(required.get(i));
                i++;
            }
        }
        return joined.size() == required.size() ? this : new UserQuery(List.copyOf(joined), excluded);
    }

    private static boolean isPlainLatinWord(List<Term> group) {
        Term term = group.getFirst();
        return group.size() == 1 && !term.phrase() && term.text().codePoints().allMatch(Character::isLetter)
            && hasLatinLetters(term.text());
    }

    /** Whether {@code text} has a letter of the Latin script (with or without tone marks). */
    static boolean hasLatinLetters(String text) {
        return text.codePoints().anyMatch(c -> Character.isLetter(c)
            && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN);
    }

    /** @throws ApiException naming the problem: an unclosed quote, a dangling OR, nothing to look for */
    public static UserQuery parse(String input) {
        List<String> tokens = tokens(input);
        List<List<Term>> required = new ArrayList<>();
        List<Term> excluded = new ArrayList<>();
        List<Term> group = null;
        boolean orPending = false;
        for (String token : tokens) {
            if (token.equals("OR")) {
                if (group == null || orPending) {
                    throw new ApiException(ErrorCode.MALFORMED_QUERY, "OR needs a word or phrase on both sides.");
                }
                orPending = true;
                continue;
            }
            if (token.equals("AND")) {
                continue;
            }
            boolean negated = token.startsWith("-") && token.length() > 1;
            Term term = term(negated ? token.substring(1) : token);
            if (negated) {
                if (orPending) {
                    throw new ApiException(ErrorCode.MALFORMED_QUERY, "An exclusion (-" + term.text() + ") cannot be an OR alternative.");
                }
                excluded.add(term);
                group = null;
            } else if (orPending) {
                group.add(term);
                orPending = false;
            } else {
                group = new ArrayList<>(List.of(term));
                required.add(group);
            }
        }
        if (orPending) {
            throw new ApiException(ErrorCode.MALFORMED_QUERY, "OR needs a word or phrase on both sides.");
        }
        if (required.isEmpty()) {
            throw new ApiException(ErrorCode.MALFORMED_QUERY, "The query has nothing to look for, only exclusions.");
        }
        return new UserQuery(required.stream().map(List::copyOf).toList(), List.copyOf(excluded));
    }

    private static Term term(String token) {
        if (token.startsWith("\"")) {
            String text = token.substring(1, token.length() - 1).strip();
            if (text.isEmpty()) {
                throw new ApiException(ErrorCode.MALFORMED_QUERY, "An empty phrase (\"\") cannot be searched for.");
            }
            return new Term(text, true);
        }
        return new Term(token, false);
    }

    /** Splits on white space, keeping quoted phrases (with their quotes, and a leading minus) together. */
    private static List<String> tokens(String input) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < input.length(); i++) {
            char c = normalizeQuote(input.charAt(i));
            if (c == '"') {
                if (!quoted && !current.isEmpty() && !current.toString().equals("-")) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
                quoted = !quoted;
                current.append(c);
                if (!quoted) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else if (!quoted && (Character.isWhitespace(c) || c == '\u3000')) {
                if (!current.isEmpty()) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new ApiException(ErrorCode.MALFORMED_QUERY, "A quote is not closed: " + input);
        }
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    /** Chinese keyboards type “ ” and ＂ for quotes. */
    private static char normalizeQuote(char c) {
        return c == '“' || c == '”' || c == '＂' ? '"' : c;
    }
}
