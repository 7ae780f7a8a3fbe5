-- hookstream schema, version 11: test sessions (unauthenticated inspector URLs) and the requests
-- they recorded. A session row counts its requests, so the request limit is one guarded UPDATE.

CREATE TABLE ${prefix}test_sessions (
  id                     text COLLATE "C" PRIMARY KEY,
  creator_ip             text,
  request_limit          integer NOT NULL,
  request_count          integer NOT NULL,
  created_at             timestamptz NOT NULL,
  expires_at             timestamptz NOT NULL,
  response_status        integer NOT NULL,
  response_content_type  text NOT NULL,
  response_body          text NOT NULL,
  response_headers       text NOT NULL,
  forward_url            text,
  forward_enabled        boolean NOT NULL,
  org_id                 text COLLATE "C",
  env_id                 text COLLATE "C",
  source_id              text COLLATE "C",
  claimed_at             timestamptz
);
-- The purge job looks only at unclaimed sessions, by expiry.
CREATE INDEX ${prefix}test_sessions_expiry ON ${prefix}test_sessions (expires_at)
  WHERE org_id IS NULL;

CREATE TABLE ${prefix}test_requests (
  id                text COLLATE "C" PRIMARY KEY,
  session_id        text COLLATE "C" NOT NULL,
  method            text NOT NULL,
  path              text,
  headers           text NOT NULL,
  query             text NOT NULL,
  content_type      text,
  client_ip         text,
  body              bytea NOT NULL,
  received_at       timestamptz NOT NULL,
  provider          text,
  response_status   integer NOT NULL,
  note              text,
  forward_url       text,
  forward_status    integer,
  forward_latency   bigint,
  forward_body      text,
  forward_error     text,
  forward_at        timestamptz
);
CREATE INDEX ${prefix}test_requests_session ON ${prefix}test_requests (session_id, id);
