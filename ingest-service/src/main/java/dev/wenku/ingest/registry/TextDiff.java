package dev.wenku.ingest.registry;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.DeltaType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The difference between two versions of a Chinese text, as an editor reads it: the texts are compared sentence by
 * sentence (Chinese has no spaces, and a character-level comparison of two whole essays costs time quadratic in
 * their difference), then the characters of each changed stretch of sentences, so an edited sentence shows the
 * characters that changed in it. The result is a list of {@code equal}, {@code delete} and {@code insert} segments
 * that reads as the older text with deletions and the newer with insertions.
 *
 * @param inserted characters inserted in all
 * @param deleted  characters deleted in all
 */
public record TextDiff(int from, int to, String titleFrom, String titleTo, List<Segment> segments, int inserted,
                       int deleted) {

    /** Above this many characters on either side, a changed stretch is shown as deleted and inserted whole. */
    static final int CHARACTER_DIFF_LIMIT = 4000;

    private static final Pattern SENTENCE = Pattern.compile("[^。！？!?；;\\n]*(?:[。！？!?；;]+[”’」』）)]*|\\n|$)");

    /** A stretch of text that is in both versions ({@code equal}), only the older or only the newer. */
    public record Segment(String op, String text) {
    }

    static TextDiff of(int from, int to, String titleFrom, String titleTo, String older, String newer) {
        List<Segment> segments = new ArrayList<>();
        List<String> olderSentences = sentences(older);
        List<String> newerSentences = sentences(newer);
        int position = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(olderSentences, newerSentences).getDeltas()) {
            equal(segments, String.join("", olderSentences.subList(position, delta.getSource().getPosition())));
            String removed = String.join("", delta.getSource().getLines());
            String added = String.join("", delta.getTarget().getLines());
            if (delta.getType() == DeltaType.CHANGE && removed.length() <= CHARACTER_DIFF_LIMIT
                    && added.length() <= CHARACTER_DIFF_LIMIT) {
                characters(segments, removed, added);
            } else {
                add(segments, "delete", removed);
                add(segments, "insert", added);
            }
            position = delta.getSource().getPosition() + delta.getSource().size();
        }
        equal(segments, String.join("", olderSentences.subList(position, olderSentences.size())));
        int inserted = segments.stream().filter(s -> s.op().equals("insert")).mapToInt(s -> s.text().length()).sum();
        int deleted = segments.stream().filter(s -> s.op().equals("delete")).mapToInt(s -> s.text().length()).sum();
        return new TextDiff(from, to, titleFrom, titleTo, List.copyOf(segments), inserted, deleted);
    }

    private static void characters(List<Segment> segments, String removed, String added) {
        List<String> older = removed.codePoints().mapToObj(Character::toString).toList();
        List<String> newer = added.codePoints().mapToObj(Character::toString).toList();
        int position = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(older, newer).getDeltas()) {
            equal(segments, String.join("", older.subList(position, delta.getSource().getPosition())));
            add(segments, "delete", String.join("", delta.getSource().getLines()));
            add(segments, "insert", String.join("", delta.getTarget().getLines()));
            position = delta.getSource().getPosition() + delta.getSource().size();
        }
        equal(segments, String.join("", older.subList(position, older.size())));
    }

    private static void equal(List<Segment> segments, String text) {
        add(segments, "equal", text);
    }

    /** Appends, merging with the previous segment of the same kind. */
    private static void add(List<Segment> segments, String op, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!segments.isEmpty() && segments.getLast().op().equals(op)) {
            segments.set(segments.size() - 1, new Segment(op, segments.getLast().text() + text));
        } else {
            segments.add(new Segment(op, text));
        }
    }

    /** Sentences with their closing punctuation (and a closing quote or bracket after it), line breaks on their own. */
    static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        Matcher matcher = SENTENCE.matcher(text);
        while (matcher.find()) {
            if (!matcher.group().isEmpty()) {
                sentences.add(matcher.group());
            }
            if (matcher.end() >= text.length()) {
                break;
            }
        }
        return sentences;
    }
}
