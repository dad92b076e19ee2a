-- Theme suggestions, computed in the background by the instance that was asked and read from any: an editor starts a
-- job and follows its progress, which no request has to wait for (on a large sample it takes longer than the
-- gateway's request timeout). The instance working on a job renews its heartbeat as it goes; a job whose heartbeat
-- stopped is shown as failed, so a killed instance leaves no job running for ever.
create table theme_suggestion_job (
    id           bigserial primary key,
    state        text             not null check (state in ('RUNNING', 'DONE', 'FAILED')),
    topics       integer          not null,
    progress     double precision not null default 0,
    -- paragraphs the suggestions were made from, and the suggestions (JSON), once done
    paragraphs   integer,
    suggestions  jsonb,
    error        text,
    requested_by text,
    heartbeat    timestamptz      not null,
    started_at   timestamptz      not null,
    finished_at  timestamptz
);

-- One job at a time across the instances: each takes a core for its duration.
create unique index theme_suggestion_job_one_running on theme_suggestion_job ((true)) where state = 'RUNNING';
