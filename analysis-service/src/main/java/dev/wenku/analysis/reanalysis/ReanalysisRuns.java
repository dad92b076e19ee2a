package dev.wenku.analysis.reanalysis;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The re-analysis runs in PostgreSQL ({@code V2__reanalysis_runs.sql}): what every instance reads its progress
 * from and claims its share of the work in.
 */
@Component
class ReanalysisRuns {

    /** A partition of a run that an instance holds: read it from {@code next} up to {@code end}. */
    record Claim(long runId, int partition, long next, long end) {
    }

    /** A run as the API shows it. */
    record Run(long id, String state, long total, long done, long failed, int partitions, int partitionsDone,
               List<String> workers, Instant startedAt, Instant finishedAt) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    ReanalysisRuns(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Records a run over the partitions' offset ranges ({@code from} → {@code to}); false, and nothing recorded, while
     * one is running.
     */
    boolean start(long total, Map<Integer, Long> from, Map<Integer, Long> to, Instant at) {
        try {
            transactions.executeWithoutResult(status -> {
                Long id = jdbc.queryForObject("insert into reanalysis_run (state, total, started_at)"
                    + " values ('RUNNING', ?, ?) returning id", Long.class, total, Timestamp.from(at));
                from.forEach((partition, next) -> jdbc.update("insert into reanalysis_partition"
                    + " (run_id, partition, next_offset, end_offset) values (?, ?, ?, ?)", id, partition, next,
                    to.getOrDefault(partition, next)));
                finishIfComplete(id, at);
            });
            return true;
        } catch (DuplicateKeyException running) {
            return false;
        }
    }

    /**
     * Takes a partition of the running run with work left that nobody holds, or whose holder has given no sign of
     * life for {@code lease}; empty when there is none. {@code skip locked}: instances claiming at once take
     * different partitions instead of waiting for each other.
     */
    Optional<Claim> claim(String worker, Duration lease) {
        return jdbc.query("""
                update reanalysis_partition p set worker = ?, heartbeat = now()
                where (p.run_id, p.partition) = (
                    select q.run_id, q.partition from reanalysis_partition q
                    join reanalysis_run r on r.id = q.run_id and r.state = 'RUNNING'
                    where q.next_offset < q.end_offset
                      and (q.worker is null or q.heartbeat < now() - ? * interval '1 millisecond')
                    order by q.partition limit 1
                    for update of q skip locked)
                returning p.run_id, p.partition, p.next_offset, p.end_offset""",
            (row, i) -> new Claim(row.getLong("run_id"), row.getInt("partition"), row.getLong("next_offset"),
                row.getLong("end_offset")), worker, lease.toMillis()).stream().findFirst();
    }

    /**
     * Records a batch of {@code claim}'s partition as done up to {@code next}, in the caller's transaction (the one
     * that stores the batch's corpus entries); false when {@code worker} no longer holds the partition (it was silent
     * too long and another took it over), and the caller rolls back.
     */
    boolean advance(Claim claim, String worker, long next, int done, int failed) {
        return jdbc.update("""
                update reanalysis_partition set next_offset = ?, done = done + ?, failed = failed + ?,
                       heartbeat = now()
                where run_id = ? and partition = ? and worker = ?""",
            next, done, failed, claim.runId(), claim.partition(), worker) == 1;
    }

    /** Lets another instance take the partition at once (this one stops, or failed on it). */
    void release(Claim claim, String worker) {
        jdbc.update("update reanalysis_partition set worker = null, heartbeat = null"
            + " where run_id = ? and partition = ? and worker = ?", claim.runId(), claim.partition(), worker);
    }

    /** Marks the run done once every partition is worked through. */
    void finishIfComplete(long runId, Instant at) {
        jdbc.update("""
                update reanalysis_run set state = 'DONE', finished_at = ?
                where id = ? and state = 'RUNNING'
                  and not exists (select 1 from reanalysis_partition where run_id = ? and next_offset < end_offset)""",
            Timestamp.from(at), runId, runId);
    }

    /** The latest run, running or finished; empty before the first. */
    Optional<Run> latest() {
        return jdbc.query("""
                select r.id, r.state, r.total, r.started_at, r.finished_at,
                       coalesce(sum(p.done), 0) as done, coalesce(sum(p.failed), 0) as failed,
                       count(p.partition) as partitions,
                       count(p.partition) filter (where p.next_offset >= p.end_offset) as partitions_done,
                       coalesce(array_remove(array_agg(distinct p.worker) filter (where p.next_offset < p.end_offset),
                           null), '{}') as workers
                from reanalysis_run r left join reanalysis_partition p on p.run_id = r.id
                where r.id = (select max(id) from reanalysis_run)
                group by r.id""", (row, i) -> new Run(row.getLong("id"), row.getString("state"), row.getLong("total"),
                row.getLong("done"), row.getLong("failed"), row.getInt("partitions"), row.getInt("partitions_done"),
                List.of((String[]) row.getArray("workers").getArray()), row.getTimestamp("started_at").toInstant(),
                Optional.ofNullable(row.getTimestamp("finished_at")).map(Timestamp::toInstant).orElse(null)))
            .stream().findFirst();
    }
}
