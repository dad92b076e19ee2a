-- The corpus as analysis sees it (analysis-service's schema "analysis"): what it keeps of every analysed document,
-- and counts over them kept as the documents change, so no statistic is computed over the whole corpus and nothing
-- per document lives in the heap.

-- The latest analysed version of every document that is not deleted.
create table corpus_document (
    document_id text primary key,
    version     bigint not null,
    -- distinct content terms (the document frequencies count them), themes, and Simplified paragraphs (the sample
    -- theme suggestions are made from)
    terms       text[] not null,
    themes      text[] not null,
    paragraphs  text[] not null
);

-- In how many documents of corpus_document each term occurs (no row: none).
create table corpus_term (
    term      text primary key,
    documents bigint not null
);

-- How many documents of corpus_document have each theme.
create table corpus_theme (
    theme     text primary key,
    documents bigint not null
);

-- How many documents corpus_document holds (one row).
create table corpus_size (
    id        integer primary key check (id = 1),
    documents bigint  not null
);
insert into corpus_size values (1, 0);

-- The Kafka topic where releases before this schema kept the corpus, once it was read into these tables (on the
-- first start after the upgrade), so it is never read again.
create table corpus_topic_read (
    topic   text        primary key,
    read_at timestamptz not null
);
