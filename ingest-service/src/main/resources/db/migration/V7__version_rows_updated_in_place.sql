-- A version's row is updated twice after it is stored (its analysis with ANALYZED, then INDEXED), and neither update
-- changes an indexed column, so PostgreSQL can write the new row next to the old one in the same page and leave the
-- indexes alone (a heap-only tuple). It can only where the page has room: rows stored in bulk filled their pages, so
-- every update moved its row to another page and added an entry to the primary key's index. Leave a third of each
-- new page free for them (pages written before keep theirs full until they are rewritten).
alter table document_version set (fillfactor = 70);
