package dev.wenku.operations.deadletters;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Reads a topic's partitions from given offsets up to the end they had when the scan began, and no further. */
final class TopicScan {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Duration timeout;

    TopicScan(KafkaConsumer<String, byte[]> consumer, Duration timeout) {
        this.consumer = consumer;
        this.timeout = timeout;
    }

    /** The topic's partitions; empty when the topic does not exist. */
    List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        return infos == null ? List.of() : infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    }

    /**
     * Feeds every record from {@code start} (a partition missing from it starts at its beginning) to the end offsets
     * of the moment, and returns those end offsets.
     */
    Map<TopicPartition, Long> read(Collection<TopicPartition> partitions, Map<TopicPartition, Long> start,
                                   Consumer<ConsumerRecord<String, byte[]>> each) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions.stream().filter(p -> !start.containsKey(p)).toList());
        start.forEach(consumer::seek);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reachedEnds(ends)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka did not deliver " + partitions + " within " + timeout);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < ends.get(partition)) {
                    each.accept(record);
                }
            });
        }
        return ends;
    }

    private boolean reachedEnds(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
    }
}
