package dev.wenku.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a compilation of essays under repeated headings, such as {@code 2024學習“新質生產力”心得體會感悟1} …
 * {@code 感悟5} after a preface.
 *
 * <p>Heading rule: a line (pinyin annotations ignored, surrounding spaces trimmed) of at most 60 characters without
 * sentence punctuation ({@code 。！？；，,!?;}) that ends in a number (Arabic, or Chinese up to 十) after a prefix of at
 * least 4 characters. Lines sharing the same prefix form a group; the group with the most lines, at least two, with
 * numbers increasing in reading order, gives the essay headings. Text before the first heading is the description
 * (null when blank); each essay runs to the next heading, trimmed. Titles are the heading lines without annotations.
 * Without such a group the result is one essay with a null title and the whole text as body, and a null description.
 *
 * <p>Works on raw and on repaired text; repairing first ({@link TextRepair}) gives clean bodies.
 */
public final class CompilationSplitter {

    private static final int MAX_HEADING_LENGTH = 60;
    private static final Pattern NUMBERED = Pattern.compile("^(.{4,}?)[\\s\u3000]*(\\d{1,3}|[一二三四五六七八九十]{1,3})$");
    private static final Pattern SENTENCE_PUNCTUATION = Pattern.compile("[。！？；，,!?;]");
    private static final String CHINESE_DIGITS = "一二三四五六七八九";

    private CompilationSplitter() {
    }

    public static Compilation split(String text) {
        Map<String, List<Candidate>> groups = new HashMap<>();
        for (Candidate candidate : candidates(text)) {
            groups.computeIfAbsent(candidate.prefix, p -> new ArrayList<>()).add(candidate);
        }
        List<Candidate> headings = List.of();
        for (List<Candidate> group : groups.values()) {
            boolean better = group.size() > headings.size()
                || group.size() == headings.size() && group.get(0).start < headings.get(0).start;
            if (group.size() >= 2 && increasing(group) && better) {
                headings = group;
            }
        }
        if (headings.isEmpty()) {
            return new Compilation(null, List.of(new Essay(null, text)));
        }
        String preface = text.substring(0, headings.get(0).start).strip();
        List<Essay> essays = new ArrayList<>();
        for (int i = 0; i < headings.size(); i++) {
            Candidate heading = headings.get(i);
            int end = i + 1 < headings.size() ? headings.get(i + 1).start : text.length();
            essays.add(new Essay(heading.title, text.substring(heading.end, end).strip()));
        }
        return new Compilation(preface.isEmpty() ? null : preface, essays);
    }

    /** A line that may be a heading: where it is, its clean text, and its prefix and number. */
    private record Candidate(int start, int end, String title, String prefix, int number) {
    }

    /** Heading candidates in reading order. */
    private static List<Candidate> candidates(String text) {
        List<Candidate> lines = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            String title = PinyinAnnotations.strip(text.substring(start, end)).text().strip();
            Matcher numbered = NUMBERED.matcher(title);
            if (title.length() <= MAX_HEADING_LENGTH && !SENTENCE_PUNCTUATION.matcher(title).find()
                && numbered.matches()) {
                lines.add(new Candidate(start, end, title, numbered.group(1).strip(), number(numbered.group(2))));
            }
            if (newline < 0) {
                break;
            }
            start = newline + 1;
        }
        return lines;
    }

    private static boolean increasing(List<Candidate> group) {
        for (int i = 1; i < group.size(); i++) {
            if (group.get(i).number <= group.get(i - 1).number) {
                return false;
            }
        }
        return true;
    }

    private static int number(String digits) {
        if (Character.isDigit(digits.charAt(0))) {
            return Integer.parseInt(digits);
        }
        int tens = digits.indexOf('十');
        if (tens < 0) {
            return CHINESE_DIGITS.indexOf(digits.charAt(0)) + 1;
        }
        int high = tens == 0 ? 1 : CHINESE_DIGITS.indexOf(digits.charAt(0)) + 1;
        int low = tens == digits.length() - 1 ? 0 : CHINESE_DIGITS.indexOf(digits.charAt(tens + 1)) + 1;
        return high * 10 + low;
    }
}
