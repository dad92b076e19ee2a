package dev.wenku.ingest.registry;

import dev.wenku.text.SimplifiedScript;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The conditions of an editors' list query, each in two forms: one an index can serve, and one it cannot (the same
 * test on an expression of the column), so that {@link DocumentRegistry} decides which index PostgreSQL reads when it
 * gathers a list. Left to itself, PostgreSQL combines the bitmaps of every indexed condition, and a GIN bitmap of a
 * common tag or title term (three quarters of a million documents) costs 100 ms and more to build although a page
 * needs fifty of them.
 */
final class ListFilters {

    /** A condition: {@code indexed} and {@code filtered} select the same documents. */
    record Condition(String indexed, String filtered) {
    }

    /** What every query keeps, always as a filter: deleted documents are listed only when asked for. */
    private final String base;
    /** A title query that its terms do not match exactly (never indexed: it tests the whole title). */
    private final String titleText;
    private final List<Condition> conditions;

    private ListFilters(String base, String titleText, List<Condition> conditions) {
        this.base = base;
        this.titleText = titleText;
        this.conditions = conditions;
    }

    static ListFilters of(ListQuery query, MapSqlParameterSource parameters) {
        List<Condition> conditions = new ArrayList<>();
        String titleText = null;
        if (query.title() != null && !query.title().isBlank()) {
            String simplified = SimplifiedScript.of(query.title().strip()).toLowerCase(Locale.ROOT);
            List<String> terms = TitleTerms.ofQuery(simplified);
            if (!terms.isEmpty()) {
                conditions.add(gin("d.title_terms", ":terms"));
                parameters.addValue("terms", terms.toArray(String[]::new));
            }
            // One term that is the whole query (a character, a pair, a word) matches exactly; the planner estimates it
            // from the terms' statistics, which a LIKE beside it would only blur.
            if (!(terms.size() == 1 && terms.getFirst().equals(simplified))) {
                titleText = "lower(d.title_simplified) like :pattern escape '\\'";
                parameters.addValue("pattern", "%" + likeEscaped(simplified) + "%");
            }
        }
        if (query.status() != null) {
            conditions.add(equal("d.status", ":status"));
            parameters.addValue("status", query.status().name());
        }
        if (query.source() != null) {
            conditions.add(equal("d.source", ":source"));
            parameters.addValue("source", query.source());
        }
        if (query.tag() != null) {
            conditions.add(gin("d.tags", ":tag"));
            parameters.addValue("tag", new String[] {query.tag()});
        }
        if (query.author() != null) {
            conditions.add(equal("d.author", ":author"));
            parameters.addValue("author", query.author());
        }
        if (query.since() != null || query.until() != null) {
            conditions.add(updated(query, parameters));
        }
        return new ListFilters(query.includeDeleted() ? null : "d.status <> 'DELETED'", titleText,
            List.copyOf(conditions));
    }

    private static Condition gin(String column, String parameter) {
        return new Condition(column + " @> cast(" + parameter + " as text[])",
            "(" + column + " || cast('{}' as text[])) @> cast(" + parameter + " as text[])");
    }

    private static Condition equal(String column, String parameter) {
        return new Condition(column + " = " + parameter, "(" + column + " || '') = " + parameter);
    }

    private static Condition updated(ListQuery query, MapSqlParameterSource parameters) {
        List<String> indexed = new ArrayList<>();
        List<String> filtered = new ArrayList<>();
        if (query.since() != null) {
            indexed.add("d.updated_at >= :since");
            filtered.add("d.updated_at + interval '0 s' >= :since");
            parameters.addValue("since", Timestamp.from(query.since()));
        }
        if (query.until() != null) {
            indexed.add("d.updated_at < :until");
            filtered.add("d.updated_at + interval '0 s' < :until");
            parameters.addValue("until", Timestamp.from(query.until()));
        }
        return new Condition(String.join(" and ", indexed), String.join(" and ", filtered));
    }

    List<Condition> conditions() {
        return conditions;
    }

    /** Every condition in its indexable form (its estimate is the planner's best; a walk reads the order's index). */
    String whereIndexed() {
        return where(condition -> true);
    }

    /** Only {@code only} indexable, every other condition a filter. */
    String whereOnlyIndexed(Condition only) {
        return where(condition -> condition == only);
    }

    /** {@code condition} alone (with the base condition): the rows gathering through its index reads. */
    String whereAlone(Condition condition) {
        return " where " + (base == null ? "" : base + " and ") + condition.indexed();
    }

    /** Only the base condition (deleted or not): how long the list is without filters. */
    String whereBase() {
        return base == null ? "" : " where " + base;
    }

    private String where(java.util.function.Predicate<Condition> indexable) {
        List<String> parts = new ArrayList<>();
        if (base != null) {
            parts.add(base);
        }
        conditions.forEach(c -> parts.add(indexable.test(c) ? c.indexed() : c.filtered()));
        if (titleText != null) {
            parts.add(titleText);
        }
        return parts.isEmpty() ? "" : " where " + String.join(" and ", parts);
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
