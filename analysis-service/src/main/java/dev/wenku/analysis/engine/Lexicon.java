package dev.wenku.analysis.engine;

import com.hankcs.hanlp.corpus.tag.Nature;
import dev.wenku.text.SimplifiedScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The domain user dictionary and the domain stoplist, replaceable at runtime.
 *
 * <p>Dictionary lines: one term per line, optionally followed by part-of-speech and frequency pairs as in HanLP's
 * CustomDictionary ({@code 新质生产力 nz 1000}, {@code 中央政治局 nt 100}); without them a term is a proper noun
 * ({@code nz}). Stoplist lines: one word per line. In both, blank lines and lines starting with {@code #} are ignored.
 * Stoplist words are never keywords, key phrase heads, content terms or topic terms. Terms and words may be typed in
 * either script: they are kept in Simplified script, the script texts are analysed in (the dictionary lines keep the
 * script they were typed in).
 *
 * <p>{@link #replace} validates the new lines first (a bad line throws {@link IllegalArgumentException} and changes
 * nothing), then swaps both lists at once and increases {@link #revision()}; analyses that start afterwards use the
 * new lists. How the engine applies them: see {@link AnalysisEngine}. Thread-safe.
 */
public final class Lexicon {

    static final String DICTIONARY_RESOURCE = "analysis/dictionary.txt";
    static final String STOPLIST_RESOURCE = "analysis/stoplist.txt";

    /** One dictionary term with its parts of speech and frequencies (parallel arrays). */
    record Entry(String term, Nature[] natures, int[] frequencies) {
    }

    /** An immutable state of the lexicon. */
    record Snapshot(long revision, List<String> dictionaryLines, List<Entry> entries, Map<String, Entry> byTerm,
                    Set<String> stoplist) {
    }

    private volatile Snapshot snapshot;

    private Lexicon(Snapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** The shipped lists: resources {@value #DICTIONARY_RESOURCE} and {@value #STOPLIST_RESOURCE}. */
    public static Lexicon defaults() {
        return of(resourceLines(DICTIONARY_RESOURCE), resourceLines(STOPLIST_RESOURCE));
    }

    public static Lexicon of(List<String> dictionaryLines, List<String> stoplistLines) {
        return new Lexicon(parse(1, dictionaryLines, stoplistLines));
    }

    /** The dictionary lines in force, without comments and blank lines. */
    public List<String> dictionary() {
        return snapshot.dictionaryLines();
    }

    public Set<String> stoplist() {
        return snapshot.stoplist();
    }

    /** Increases by one with every {@link #replace}. */
    public long revision() {
        return snapshot.revision();
    }

    /** Replaces both lists; applies to analyses that start after this returns. */
    public synchronized void replace(List<String> dictionaryLines, List<String> stoplistLines) {
        snapshot = parse(snapshot.revision() + 1, dictionaryLines, stoplistLines);
    }

    Snapshot snapshot() {
        return snapshot;
    }

    static List<String> resourceLines(String resource) {
        try (InputStream in = Lexicon.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }

    private static Snapshot parse(long revision, List<String> dictionaryLines, List<String> stoplistLines) {
        if (dictionaryLines == null || stoplistLines == null) {
            throw new IllegalArgumentException("dictionary and stoplist lines are required (an empty list is fine)");
        }
        Map<String, Entry> byTerm = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        int number = 0;
        for (String raw : dictionaryLines) {
            number++;
            String line = clean(raw);
            if (line == null) {
                continue;
            }
            Entry entry = entry(line, number);
            byTerm.remove(entry.term());
            byTerm.put(entry.term(), entry);
            lines.add(line);
        }
        Set<String> stoplist = new LinkedHashSet<>();
        number = 0;
        for (String raw : stoplistLines) {
            number++;
            String line = clean(raw);
            if (line == null) {
                continue;
            }
            if (line.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("stoplist line " + number + " holds more than one word: '" + line + "'");
            }
            stoplist.add(SimplifiedScript.of(line));
        }
        return new Snapshot(revision, List.copyOf(lines), List.copyOf(byTerm.values()),
            Collections.unmodifiableMap(byTerm), Collections.unmodifiableSet(stoplist));
    }

    /** The line without BOM and surrounding blanks, or null for a blank or comment line. */
    private static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String line = raw.replace("\uFEFF", "").strip();
        return line.isEmpty() || line.startsWith("#") ? null : line;
    }

    private static Entry entry(String line, int number) {
        String[] fields = line.split("\\s+");
        if (fields.length % 2 == 0) {
            throw new IllegalArgumentException("dictionary line " + number + " '" + line
                + "': expected 'term' or 'term nature frequency [nature frequency …]'");
        }
        int pairs = (fields.length - 1) / 2;
        if (pairs == 0) {
            return new Entry(SimplifiedScript.of(fields[0]), new Nature[] {Nature.nz}, new int[] {1000});
        }
        Nature[] natures = new Nature[pairs];
        int[] frequencies = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            Nature nature = Nature.fromString(fields[1 + 2 * i]);
            if (nature == null) {
                throw new IllegalArgumentException("dictionary line " + number + " '" + line
                    + "': unknown part of speech '" + fields[1 + 2 * i] + "' (use HanLP's tags such as n, nz, vn, ns, nt)");
            }
            int frequency;
            try {
                frequency = Integer.parseInt(fields[2 + 2 * i]);
            } catch (NumberFormatException e) {
                frequency = -1;
            }
            if (frequency < 1) {
                throw new IllegalArgumentException("dictionary line " + number + " '" + line
                    + "': frequency '" + fields[2 + 2 * i] + "' is not a positive whole number");
            }
            natures[i] = nature;
            frequencies[i] = frequency;
        }
        return new Entry(SimplifiedScript.of(fields[0]), natures, frequencies);
    }
}
