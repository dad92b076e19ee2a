package dev.wenku.support.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the consumer groups have not consumed yet, read from Kafka itself (committed offsets against the partitions'
 * ends), so it is right even while a consuming service is down, which is when it matters: operators see it per group,
 * and bulk imports wait while the pipeline is this far behind.
 */
public final class ConsumerLag {

    /**
     * Records of a partition a consumer group has not committed yet: {@code lag} = {@code end} − {@code committed}
     * (the offsets, whose movement between two reads says how fast the group consumes and the partition grows).
     */
    public record Lag(String group, String topic, int partition, long lag, long committed, long end) {
    }

    private ConsumerLag() {
    }

    /** Every group's lag on every partition it has committed an offset for, ordered by group, topic, partition. */
    public static List<Lag> read(Admin admin, Duration timeout) throws Exception {
        return read(admin, groups(admin, timeout), timeout);
    }

    /**
     * The lag of {@code groups} (e.g. {@link #activeGroups}), ordered by group, topic, partition: two requests whatever
     * the number of groups (every group's committed offsets in one, every partition's end in the other), as ingest reads
     * it up to ten times a second while an import waits for the pipeline.
     */
    public static List<Lag> read(Admin admin, Collection<String> groups, Duration timeout) throws Exception {
        if (groups.isEmpty()) {
            return List.of();
        }
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = admin.listConsumerGroupOffsets(
                groups.stream().collect(Collectors.toMap(Function.identity(), g -> new ListConsumerGroupOffsetsSpec())))
            .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Set<TopicPartition> partitions = new HashSet<>();
        committed.values().forEach(offsets -> offsets.forEach((partition, offset) -> {
            if (offset != null) {
                partitions.add(partition);
            }
        }));
        Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(admin, partitions, OffsetSpec.latest(), timeout);
        List<Lag> lags = new ArrayList<>();
        committed.forEach((group, offsets) -> offsets.forEach((partition, offset) -> {
            ListOffsetsResultInfo end = offset == null ? null : ends.get(partition);
            if (end != null) {
                lags.add(new Lag(group, partition.topic(), partition.partition(),
                    Math.max(0, end.offset() - offset.offset()), offset.offset(), end.offset()));
            }
        }));
        lags.sort(Comparator.comparing(Lag::group).thenComparing(Lag::topic).thenComparingInt(Lag::partition));
        return lags;
    }

    /**
     * Records of {@code topics} still ahead of their consumers: for each topic, the lag of its slowest group (the
     * group with the most records left), summed over the topics.
     */
    public static long pending(List<Lag> lags, Collection<String> topics) {
        return topics.stream().mapToLong(topic -> lags.stream().filter(l -> l.topic().equals(topic))
                .collect(Collectors.groupingBy(Lag::group, Collectors.summingLong(Lag::lag)))
                .values().stream().mapToLong(Long::longValue).max().orElse(0))
            .sum();
    }

    /** The groups that have members now: a group nobody consumes in (a stale group, a stopped tool) is left out. */
    public static Set<String> activeGroups(Admin admin, Duration timeout) throws Exception {
        List<String> groups = groups(admin, timeout);
        if (groups.isEmpty()) {
            return Set.of();
        }
        return admin.describeConsumerGroups(groups).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS).values()
            .stream().filter(g -> !g.members().isEmpty()).map(ConsumerGroupDescription::groupId)
            .collect(Collectors.toSet());
    }

    private static List<String> groups(Admin admin, Duration timeout) throws Exception {
        return admin.listConsumerGroups().all().get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
            .map(ConsumerGroupListing::groupId).toList();
    }

    /** The offsets of {@code partitions} at {@code spec} (earliest, latest, …). */
    public static Map<TopicPartition, ListOffsetsResultInfo> offsets(Admin admin, Set<TopicPartition> partitions,
                                                                     OffsetSpec spec, Duration timeout)
            throws Exception {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
            .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
