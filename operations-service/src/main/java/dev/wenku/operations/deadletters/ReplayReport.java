package dev.wenku.operations.deadletters;

import java.util.List;
import java.util.Map;

/**
 * What a replay did: how many dead letters it examined, which documents it sent back to their source topic (at
 * most {@value #LISTED} listed), and how many it skipped for each {@link SkipReason} (by its lower-case name).
 */
public record ReplayReport(String deadLetterTopic, String sourceTopic, int examined, int replayed,
                           Map<String, Integer> skipped, List<String> replayedDocuments) {

    static final int LISTED = 100;
}
