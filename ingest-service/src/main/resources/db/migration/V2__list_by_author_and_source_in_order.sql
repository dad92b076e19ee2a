-- The editors' list filtered by author or by source, in its default order (last changed first): one index each gives
-- the page straight away, where the single-column indexes made PostgreSQL either fetch and sort every document of a
-- prolific author or walk the whole update order looking for them (measured at 40-130 ms among a million documents).
drop index document_author;
create index document_author on document (author, updated_at desc, id);
drop index document_source;
create index document_source on document (source, updated_at desc, id);
