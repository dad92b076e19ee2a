-- The web UI's sessions, shared by every gateway (SessionStoreProperties, DatabaseSessions). A session is known by
-- the SHA-256 of its token only: the table holds nothing a caller could use as a token.
create table gateway_session (
    digest     text primary key,
    username   text not null,
    -- Role names (READER, EDITOR, OPERATOR), comma-separated.
    roles      text not null,
    expires_at timestamptz not null,
    last_used  timestamptz not null
);

-- An account's sessions, least recently used first: which to end when it logs in once too often.
create index gateway_session_by_user on gateway_session (username, last_used);
