package dev.wenku.operations.overview;

import java.util.List;
import java.util.Map;

/** Where the overview's figures come from: Prometheus, or every instance of each service. */
interface PipelineSource {

    /** Figures read now; a figure that could not be read is null and its reason is in {@code problems}. */
    Snapshot read();

    /** The source's name in the overview ({@code prometheus} or {@code instances}). */
    String name();

    /**
     * @param counts    {@code ingested}, {@code analyzed}, {@code indexed}, {@code failed}: totals since the services
     *                  started
     * @param perMinute the same per minute, or null when the source cannot tell (then computed from successive counts)
     */
    record Snapshot(List<Overview.ServiceHealth> services, Map<String, Double> counts, Map<String, Double> perMinute,
                    Overview.Freshness freshness, List<String> problems) {
    }
}
