package dev.wenku.text;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repaired text, a count per repair (keys in {@link TextRepair}'s order, all present), and what could not be
 * repaired.
 */
public record RepairResult(String text, Map<String, Integer> repairs, List<RepairWarning> warnings) {

    public RepairResult {
        repairs = Collections.unmodifiableMap(new LinkedHashMap<>(repairs));
        warnings = List.copyOf(warnings);
    }
}
