package dev.wenku.analysis.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Configurable themes, each with seed terms and synonyms, matched on a document's segmented words (see
 * {@link AnalysisEngine}). JSON form:
 * <pre>{"themes":[{"id":"technological-innovation","label":"科技创新","terms":["科技创新","原创性",…]}, …]}</pre>
 * Ids are unique, lower-case words joined by hyphens; labels and terms are non-blank. Immutable.
 */
public final class Taxonomy {

    static final String RESOURCE = "analysis/taxonomy.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A theme: its id (stable, for storage and filters), its label (for display) and its terms. */
    public record Theme(String id, String label, List<String> terms) {

        public Theme {
            terms = List.copyOf(terms);
        }
    }

    private final List<Theme> themes;

    private Taxonomy(List<Theme> themes) {
        this.themes = List.copyOf(themes);
    }

    /** The shipped taxonomy, resource {@value #RESOURCE}. */
    public static Taxonomy defaults() {
        return parse(String.join("\n", Lexicon.resourceLines(RESOURCE)));
    }

    public static Taxonomy of(List<Theme> themes) {
        return new Taxonomy(validate(themes));
    }

    /** @throws IllegalArgumentException naming the problem: not JSON, missing field, duplicate id, blank term … */
    public static Taxonomy parse(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("taxonomy is empty: expected {\"themes\":[…]}");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("taxonomy is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("taxonomy must be a JSON object {\"themes\":[…]}");
        }
        JsonNode array = root.get("themes");
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("taxonomy has no \"themes\" array");
        }
        List<Theme> themes = new ArrayList<>();
        int index = 0;
        for (JsonNode node : array) {
            index++;
            String where = "taxonomy theme #" + index;
            if (!node.isObject()) {
                throw new IllegalArgumentException(where + " is not an object");
            }
            String id = text(node, "id", where);
            where += " ('" + id + "')";
            String label = text(node, "label", where);
            JsonNode termsNode = node.get("terms");
            if (termsNode == null || !termsNode.isArray()) {
                throw new IllegalArgumentException(where + " has no \"terms\" array");
            }
            List<String> terms = new ArrayList<>();
            for (JsonNode term : termsNode) {
                if (!term.isString()) {
                    throw new IllegalArgumentException(where + " has a term that is not a string: " + term);
                }
                terms.add(term.asString());
            }
            themes.add(new Theme(id, label, terms));
        }
        return new Taxonomy(validate(themes));
    }

    public List<Theme> themes() {
        return themes;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new IllegalArgumentException(where + " has no \"" + field + "\" (a non-blank string)");
        }
        return value.asString().strip();
    }

    private static List<Theme> validate(List<Theme> themes) {
        if (themes == null || themes.isEmpty()) {
            throw new IllegalArgumentException("taxonomy has no themes");
        }
        Set<String> ids = new HashSet<>();
        List<Theme> clean = new ArrayList<>();
        int index = 0;
        for (Theme theme : themes) {
            index++;
            String where = "taxonomy theme #" + index;
            if (theme == null) {
                throw new IllegalArgumentException(where + " is null");
            }
            if (theme.id() == null || !theme.id().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                throw new IllegalArgumentException(where + ": id '" + theme.id()
                    + "' must be lower-case letters and digits joined by hyphens, e.g. green-development");
            }
            where += " ('" + theme.id() + "')";
            if (!ids.add(theme.id())) {
                throw new IllegalArgumentException(where + ": duplicate id '" + theme.id() + "'");
            }
            if (theme.label() == null || theme.label().isBlank()) {
                throw new IllegalArgumentException(where + " has a blank label");
            }
            if (theme.terms().isEmpty()) {
                throw new IllegalArgumentException(where + " has no terms");
            }
            Set<String> terms = new LinkedHashSet<>();
            for (String term : theme.terms()) {
                if (term == null || term.isBlank()) {
                    throw new IllegalArgumentException(where + " has a blank term");
                }
                if (term.strip().chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException(where + ": term '" + term + "' contains a space");
                }
                terms.add(term.strip());
            }
            clean.add(new Theme(theme.id(), theme.label().strip(), List.copyOf(terms)));
        }
        return clean;
    }

    @Override
    public String toString() {
        return "Taxonomy" + themes.stream().map(Theme::id).toList();
    }
}
