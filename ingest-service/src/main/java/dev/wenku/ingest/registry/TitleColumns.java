package dev.wenku.ingest.registry;

import dev.wenku.text.PinyinText;
import dev.wenku.text.SimplifiedScript;
import java.util.List;

/**
 * What the {@code document} table stores of a title besides the title itself, for the editors' list: the title in
 * Simplified script (matched by searches in either script), its {@link TitleTerms} (the GIN index that finds the
 * candidates) and its sort key (pinyin, then the title, so that the list's title order is the one Chinese readers
 * expect rather than code-point order). Public so that whatever writes rows in bulk derives them the same way.
 */
public record TitleColumns(String simplified, List<String> terms, String sortKey) {

    public static TitleColumns of(String title) {
        String simplified = SimplifiedScript.of(title);
        return new TitleColumns(simplified, TitleTerms.ofTitle(simplified), PinyinText.joined(simplified) + " "
            + simplified);
    }
}
