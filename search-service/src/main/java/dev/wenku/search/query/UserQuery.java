package dev.wenku.search.query;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import dev.wenku.text.PinyinText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a reader typed, parsed: words and {@code "quoted phrases"}, {@code OR} between alternatives, {@code -} in
 * front of what must not occur, a field in front of what must be in that field ({@code 作者:李白}, {@code author:},
 * {@code 标题:}, {@code title:}); everything else is ANDed. This is the only query syntax readers have: the parsed
 * terms become match queries, never raw Elasticsearch syntax.
 *
 * @param required groups that must all match; each group matches when any of its alternatives does
 * @param excluded terms no result may contain
 */
public record UserQuery(List<List<Term>> required, List<Term> excluded) {

    /** Where a term is looked for: anywhere (title, author, text), or only in the field its prefix names. */
    public enum Field {
        ANY, AUTHOR, TITLE;

        /** The prefixes a reader types, in Chinese or English, with an ASCII or a full-width colon. */
        private static final Map<String, Field> PREFIXES = Map.of(
            "作者", AUTHOR, "author", AUTHOR, "标题", TITLE, "標題", TITLE, "title", TITLE);

        /** The field {@code token} starts with ({@code 作者:}), or null; its prefix is {@code length} characters. */
        static Map.Entry<Field, Integer> prefixOf(String token) {
            int colon = firstColon(token);
            if (colon <= 0) {
                return null;
            }
            Field field = PREFIXES.get(token.substring(0, colon).toLowerCase(Locale.ROOT));
            return field == null ? null : Map.entry(field, colon + 1);
        }

        private static int firstColon(String token) {
            for (int i = 0; i < token.length(); i++) {
                if (token.charAt(i) == ':' || token.charAt(i) == '：') {
                    return i;
                }
            }
            return -1;
        }
    }

    /** A word or a phrase, to be found in {@code field}. */
    public record Term(String text, boolean phrase, Field field) {

        public Term(String text, boolean phrase) {
            this(text, phrase, Field.ANY);
        }

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
        return group.size() == 1 && !term.phrase() && term.field() == Field.ANY
            && term.text().codePoints().allMatch(Character::isLetter)
            && hasLatinLetters(term.text());
    }

    /** Whether {@code text} has a letter of the Latin script (with or without tone marks). */
    static boolean hasLatinLetters(String text) {
        return text.codePoints().anyMatch(c -> Character.isLetter(c)
            && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN);
    }

    /** This query with the terms that are keys of {@code replacements} in their place. */
    public UserQuery replacing(Map<Term, Term> replacements) {
        return new UserQuery(required.stream().map(group -> group.stream()
                .map(term -> replacements.getOrDefault(term, term)).toList()).toList(),
            excluded.stream().map(term -> replacements.getOrDefault(term, term)).toList());
    }

    /** The words a reader asks about, without the syntax around them: what search by meaning embeds. */
    public String meaning() {
        return required.stream().flatMap(List::stream).map(Term::text).collect(Collectors.joining(" "));
    }

    /** The query as a reader types it ({@code 作者:李白 明月 OR 月光 -"静夜思"}): it parses back to this query. */
    public String text() {
        Stream<String> groups = required.stream().map(group -> group.stream().map(UserQuery::text)
            .collect(Collectors.joining(" OR ")));
        return Stream.concat(groups, excluded.stream().map(term -> "-" + text(term))).collect(Collectors.joining(" "));
    }

    private static String text(Term term) {
        String prefix = switch (term.field()) {
            case AUTHOR -> "作者:";
            case TITLE -> "标题:";
            default -> "";
        };
        return prefix + (term.phrase() ? "\"" + term.text() + "\"" : term.text());
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
        Map.Entry<Field, Integer> prefix = Field.prefixOf(token);
        Field field = prefix == null ? Field.ANY : prefix.getKey();
        String rest = prefix == null ? token : token.substring(prefix.getValue());
        if (rest.isEmpty()) {
            throw new ApiException(ErrorCode.MALFORMED_QUERY, token + " needs what to look for right after the colon,"
                + " as in 作者:李白.");
        }
        if (rest.startsWith("\"")) {
            String text = rest.substring(1, rest.length() - 1).strip();
            if (text.isEmpty()) {
                throw new ApiException(ErrorCode.MALFORMED_QUERY, "An empty phrase (\"\") cannot be searched for.");
            }
            return new Term(text, true, field);
        }
        return new Term(rest, false, field);
    }

    /** Splits on white space, keeping quoted phrases (with their quotes, and a leading minus) together. */
    private static List<String> tokens(String input) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < input.length(); i++) {
            char c = normalizeQuote(input.charAt(i));
            if (c == '"') {
                if (!quoted && !current.isEmpty() && !startsAPhrase(current.toString())) {
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

    /** Whether a quote after {@code before} opens a phrase of the same term: {@code -"…"}, {@code 作者:"…"}. */
    private static boolean startsAPhrase(String before) {
        String unsigned = before.startsWith("-") ? before.substring(1) : before;
        if (unsigned.isEmpty()) {
            return true;
        }
        Map.Entry<Field, Integer> prefix = Field.prefixOf(unsigned);
        return prefix != null && prefix.getValue() == unsigned.length();
    }

    /** Chinese keyboards type “ ” and ＂ for quotes. */
    private static char normalizeQuote(char c) {
        return c == '“' || c == '”' || c == '＂' ? '"' : c;
    }
}
