-- Re-analysis runs, shared by every analysis-service instance: a run is the compacted ingested topic's partitions,
-- each an offset range that one instance at a time works through (it holds the partition while it renews its
-- heartbeat), recording how far it got in the same transaction as the corpus entries it wrote. So the work spreads
-- over the instances, and a run survives the restart of any of them: another takes over a partition whose holder
-- went silent, from the offset it had reached.
create table reanalysis_run (
    id          bigserial primary key,
    state       text        not null check (state in ('RUNNING', 'DONE')),
    -- documents in the corpus when the run started
    total       bigint      not null,
    started_at  timestamptz not null,
    finished_at timestamptz
);

-- One run at a time, across the instances.
create unique index reanalysis_run_one_running on reanalysis_run ((true)) where state = 'RUNNING';

create table reanalysis_partition (
    run_id      bigint      not null references reanalysis_run (id),
    partition   integer     not null,
    -- the next offset to read, and the topic's end when the run started (records after it are new documents, which
    -- the pipeline analyses with the current model anyway)
    next_offset bigint      not null,
    end_offset  bigint      not null,
    done        bigint      not null default 0,
    failed      bigint      not null default 0,
    worker      text,
    heartbeat   timestamptz,
    primary key (run_id, partition)
);
