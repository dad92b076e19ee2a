-- Bulk imports: a body of NDJSON spooled to disk when it arrives, then worked through in the background a batch of
-- lines per transaction, each batch committing its documents with the import's progress, so an import resumes where
-- it stopped after a restart and counts nothing twice.
create table import_job (
    id          text primary key,
    format      text        not null,
    file_name   text,
    spool_path  text        not null,
    size_bytes  bigint      not null,
    -- RUNNING until every line is handled, then DONE; FAILED when the spooled body cannot be read
    state       text        not null,
    -- bytes of the spooled body handled: the next line starts here
    position    bigint      not null default 0,
    lines_read  integer     not null default 0,
    created     integer     not null default 0,
    updated     integer     not null default 0,
    unchanged   integer     not null default 0,
    rejected    integer     not null default 0,
    error       text,
    created_at  timestamptz not null,
    created_by  text        not null,
    finished_at timestamptz
);
create index import_job_created on import_job (created_at desc);

-- A line that was not imported, and why (an error code of docs/errors.md).
create table import_rejection (
    import_id text    not null references import_job (id),
    line      integer not null,
    error     text    not null,
    message   text    not null,
    primary key (import_id, line)
);

-- The versions an import stored, so its progress can say how many are analysed and indexed.
create table import_version (
    import_id   text    not null references import_job (id),
    document_id text    not null,
    version     integer not null,
    primary key (import_id, document_id, version)
);
