package dev.wenku.operations.overview;

import dev.wenku.support.kafka.ConsumerLag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per consumer group, its whole backlog and when it will be drained at the present pace: from successive reads of
 * Kafka's offsets, the group consumes at the rate its committed offsets move and its topics grow at the rate their end
 * offsets move; the backlog shrinks by the difference. During a bulk import this is the figure operators ask for
 * ("when will the new documents be searchable?"), which the lag alone does not say.
 */
final class BacklogDrain {

    /** One consumer group's backlog; {@code drainSeconds} is null while unknown or while the backlog is not shrinking. */
    record GroupBacklog(String group, long lag, Double consumedPerMinute, Double producedPerMinute,
                        Double drainSeconds) {
    }

    private final Map<String, PipelineRates> rates = new HashMap<>();

    /** The backlog of every group in {@code lags}, by group name; null when Kafka could not be read. */
    synchronized List<GroupBacklog> record(Instant now, List<ConsumerLag.Lag> lags) {
        if (lags == null) {
            return null;
        }
        Map<String, List<ConsumerLag.Lag>> byGroup = new TreeMap<>();
        lags.forEach(lag -> byGroup.computeIfAbsent(lag.group(), g -> new ArrayList<>()).add(lag));
        rates.keySet().retainAll(byGroup.keySet());
        List<GroupBacklog> backlogs = new ArrayList<>();
        byGroup.forEach((group, partitions) -> {
            long lag = partitions.stream().mapToLong(ConsumerLag.Lag::lag).sum();
            Map<String, Double> offsets = new LinkedHashMap<>();
            offsets.put("consumed", (double) partitions.stream().mapToLong(ConsumerLag.Lag::committed).sum());
            offsets.put("produced", (double) partitions.stream().mapToLong(ConsumerLag.Lag::end).sum());
            Map<String, Double> perMinute = rates.computeIfAbsent(group, g -> new PipelineRates()).record(now, offsets);
            backlogs.add(new GroupBacklog(group, lag, perMinute.get("consumed"), perMinute.get("produced"),
                drainSeconds(lag, perMinute.get("consumed"), perMinute.get("produced"))));
        });
        return backlogs;
    }

    private static Double drainSeconds(long lag, Double consumed, Double produced) {
        if (lag == 0) {
            return 0.0;
        }
        if (consumed == null || produced == null || consumed <= produced) {
            return null;
        }
        return lag / ((consumed - produced) / 60);
    }
}
