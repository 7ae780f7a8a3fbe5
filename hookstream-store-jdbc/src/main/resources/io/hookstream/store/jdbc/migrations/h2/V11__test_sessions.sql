-- hookstream schema, version 11: test sessions (unauthenticated inspector URLs) and the requests
-- they recorded. A session row counts its requests, so the request limit is one guarded UPDATE.

CREATE TABLE ${prefix}test_sessions (
  id                     VARCHAR PRIMARY KEY,
  creator_ip             VARCHAR,
  request_limit          integer NOT NULL,
  request_count          integer NOT NULL,
  created_at             TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  expires_at             TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  response_status        integer NOT NULL,
  response_content_type  VARCHAR NOT NULL,
  response_body          VARCHAR NOT NULL,
  response_headers       VARCHAR NOT NULL,
  forward_url            VARCHAR,
  forward_enabled        boolean NOT NULL,
  org_id                 VARCHAR,
  env_id                 VARCHAR,
  source_id              VARCHAR,
  claimed_at             TIMESTAMP(9) WITH TIME ZONE
);
CREATE INDEX ${prefix}test_sessions_expiry ON ${prefix}test_sessions (expires_at);

CREATE TABLE ${prefix}test_requests (
  id                VARCHAR PRIMARY KEY,
  session_id        VARCHAR NOT NULL,
  method            VARCHAR NOT NULL,
  path              VARCHAR,
  headers           VARCHAR NOT NULL,
  query             VARCHAR NOT NULL,
  content_type      VARCHAR,
  client_ip         VARCHAR,
  body              VARBINARY NOT NULL,
  received_at       TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  provider          VARCHAR,
  response_status   integer NOT NULL,
  note              VARCHAR,
  forward_url       VARCHAR,
  forward_status    integer,
  forward_latency   bigint,
  forward_body      VARCHAR,
  forward_error     VARCHAR,
  forward_at        TIMESTAMP(9) WITH TIME ZONE
);
CREATE INDEX ${prefix}test_requests_session ON ${prefix}test_requests (session_id, id);
