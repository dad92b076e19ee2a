package dev.wenku.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collapses runs of clause and sentence marks ({@code ,,} {@code ,。} {@code ,、} {@code 。。} …) to the strongest
 * mark of the run: ？！ before 。 before ；before ：before 、 before ，, and a full-width mark before its half-width
 * twin. The kept mark keeps its width, so a collapsed {@code ,,} leaves a half-width comma for
 * {@link HalfWidthPunctuation}. Runs made only of question and
 * exclamation marks ({@code ？！}, {@code !!}) are emphasis, not damage, and are kept. The count is the number of
 * marks removed.
 */
final class DoubledPunctuation {

    private static final Pattern RUN = Pattern.compile("[,，。、;；:：?？!！]{2,}");
    private static final String STRENGTH = ",，、:：;；。?？!！";

    private DoubledPunctuation() {
    }

    static EditedText.Result collapse(String text) {
        EditedText edit = new EditedText(text);
        Matcher run = RUN.matcher(text);
        while (run.find()) {
            String marks = run.group();
            if (onlyEmphasis(marks)) {
                continue;
            }
            char strongest = marks.charAt(0);
            for (int i = 1; i < marks.length(); i++) {
                if (strength(marks.charAt(i)) > strength(strongest)) {
                    strongest = marks.charAt(i);
                }
            }
            edit.replace(run.start(), run.end(), String.valueOf(strongest));
            edit.count(marks.length() - 1);
        }
        return edit.finish();
    }

    private static int strength(char mark) {
        int index = STRENGTH.indexOf(mark);
        return mark == '?' || mark == '？' || mark == '!' || mark == '！' ? STRENGTH.length() : index;
    }

    private static boolean onlyEmphasis(String marks) {
        for (int i = 0; i < marks.length(); i++) {
            if ("?？!！".indexOf(marks.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
