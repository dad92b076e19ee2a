-- ingest-service's system of record: every document, every version of it, the files editors uploaded, and the
-- outbox of events that a relay publishes to Kafka (a version and its event commit together).

-- Whether a pipeline status report moves a version forward (see StatusOrder): FAILED and DELETED end a version's
-- progress, except INDEXED after FAILED (a successful write of that version after its cause was fixed).
create function wenku_status_advances(current_status text, reported text) returns boolean
    language sql immutable as $$
    select case
        when current_status = 'FAILED' then reported = 'INDEXED'
        when current_status = 'DELETED' then false
        when reported in ('FAILED', 'DELETED') then true
        else (case reported when 'RECEIVED' then 0 when 'ANALYZED' then 1 when 'INDEXED' then 2 else 3 end)
           > (case current_status when 'RECEIVED' then 0 when 'ANALYZED' then 1 when 'INDEXED' then 2 else 3 end)
    end
$$;

-- The bytes an editor uploaded (a file, or a text/plain body), kept for wenku.ingest.originals.retention.
create table upload (
    id           bigserial primary key,
    file_name    text,
    media_type   text,
    size_bytes   bigint      not null,
    sha256       text        not null,
    content      bytea,
    uploaded_at  timestamptz not null,
    uploaded_by  text        not null,
    purged_at    timestamptz
);
create index upload_kept on upload (uploaded_at) where content is not null;

-- A document as editors list it: what its current version says, and how far that version got in the pipeline.
create table document (
    id               text primary key,
    current_version  integer     not null,
    title            text        not null,
    -- the title in Simplified script, and its terms (characters, character pairs, Latin words), for title search
    title_simplified text        not null,
    title_terms      text[]      not null,
    -- the title's pinyin, for the list's order by title (what Chinese readers expect, rather than code points)
    title_sort       text        not null,
    source           text,
    author           text,
    tags             text[]      not null default '{}',
    status           text        not null,
    status_reason    text,
    compilation      jsonb,
    -- the SHA-256 of the uploaded file's bytes: the drop folder recognises an unchanged file by it
    source_hash      text,
    created_at       timestamptz not null,
    created_by       text        not null,
    updated_at       timestamptz not null,
    updated_by       text        not null
);
create index document_updated on document (updated_at desc, id);
create index document_title on document (title_sort, id);
create index document_status on document (status, updated_at desc, id);
create index document_source on document (source);
create index document_author on document (author);
create index document_title_terms on document using gin (title_terms);
create index document_tags on document using gin (tags);

-- Every version of every document, as stored: never changed afterwards but for its pipeline status and analysis.
create table document_version (
    document_id   text        not null references document (id),
    version       integer     not null,
    title         text        not null,
    body          text        not null,
    source        text,
    author        text,
    tags          text[]      not null default '{}',
    encoding      text,
    repairs       jsonb       not null default '{}',
    warnings      jsonb       not null default '[]',
    content_hash  text        not null,
    upload_id     bigint      references upload (id),
    restored_from integer,
    status        text        not null,
    status_reason text,
    status_at     timestamptz not null,
    analysis      jsonb,
    created_at    timestamptz not null,
    created_by    text        not null,
    primary key (document_id, version)
);
create index document_version_upload on document_version (upload_id) where upload_id is not null;

-- Events not yet published to Kafka, in the order they were stored. A null payload is a tombstone.
create table outbox (
    id         bigserial primary key,
    topic      text        not null,
    event_key  text        not null,
    payload    bytea,
    headers    jsonb       not null default '{}',
    created_at timestamptz not null
);

-- When the records of the Kafka-backed registry of earlier versions were imported (once, on the first start).
create table registry_import (
    id          integer primary key check (id = 1),
    imported_at timestamptz not null,
    documents   integer     not null
);
