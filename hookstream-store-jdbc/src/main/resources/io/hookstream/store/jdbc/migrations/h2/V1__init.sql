-- hookstream schema, version 1: tenants, sources, destinations, connections, events,
-- delivery tasks, attempts, issues, circuits, API keys.
-- ${prefix} is the table prefix (default hs_). Ids sort by creation time; the "C" collation
-- makes their order the byte order, so cursor pages are index range scans.

CREATE TABLE ${prefix}organizations (
  id          VARCHAR PRIMARY KEY,
  name        VARCHAR NOT NULL,
  created_at  TIMESTAMP(9) WITH TIME ZONE NOT NULL
);

CREATE TABLE ${prefix}environments (
  id              VARCHAR PRIMARY KEY,
  org_id          VARCHAR NOT NULL,
  name            VARCHAR NOT NULL,
  retention_days  integer NOT NULL,
  created_at      TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  CONSTRAINT ${prefix}environments_name UNIQUE (org_id, name)
);

CREATE TABLE ${prefix}api_keys (
  id             VARCHAR PRIMARY KEY,
  org_id         VARCHAR NOT NULL,
  env_id         VARCHAR NOT NULL,
  name           VARCHAR,
  key_hash       VARCHAR NOT NULL,
  key_prefix     VARCHAR,
  scopes         VARCHAR,
  created_at     TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  last_used_at   TIMESTAMP(9) WITH TIME ZONE,
  request_count  bigint NOT NULL DEFAULT 0,
  revoked_at     TIMESTAMP(9) WITH TIME ZONE,
  CONSTRAINT ${prefix}api_keys_hash UNIQUE (key_hash)
);
CREATE INDEX ${prefix}api_keys_scope ON ${prefix}api_keys (org_id, env_id, id);

CREATE TABLE ${prefix}sources (
  id             VARCHAR PRIMARY KEY,
  org_id         VARCHAR NOT NULL,
  env_id         VARCHAR NOT NULL,
  name           VARCHAR,
  slug           VARCHAR NOT NULL,
  description    VARCHAR,
  template       VARCHAR,
  verification   VARCHAR,
  ip_allowlist   VARCHAR NOT NULL,
  ip_denylist    VARCHAR NOT NULL,
  dedup          VARCHAR,
  schema_enabled boolean,
  schema_json    VARCHAR,
  schema_action  VARCHAR,
  version        bigint NOT NULL,
  created_at     TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  updated_at     TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  deleted_at     TIMESTAMP(9) WITH TIME ZONE
);
ALTER TABLE ${prefix}sources ADD COLUMN live_slug VARCHAR
  GENERATED ALWAYS AS (CASE WHEN deleted_at IS NULL THEN slug END);
-- H2 has no partial indexes: the slug is unique among live rows through a generated column
-- that is NULL for deleted rows (NULLs never clash).
CREATE UNIQUE INDEX ${prefix}sources_live_slug ON ${prefix}sources (org_id, env_id, live_slug);
CREATE INDEX ${prefix}sources_scope ON ${prefix}sources (org_id, env_id, id);

CREATE TABLE ${prefix}destinations (
  id                     VARCHAR PRIMARY KEY,
  org_id                 VARCHAR NOT NULL,
  env_id                 VARCHAR NOT NULL,
  name                   VARCHAR,
  slug                   VARCHAR NOT NULL,
  description            VARCHAR,
  type                   VARCHAR NOT NULL,
  config_json            VARCHAR,
  signing_json           VARCHAR,
  retry_max_attempts     integer,
  retry_backoff          VARCHAR,
  retry_intervals        VARCHAR,
  max_in_flight          integer,
  ordered                boolean,
  rate_limit_per_second  DOUBLE PRECISION,
  disabled_reason        VARCHAR,
  version                bigint NOT NULL,
  created_at             TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  updated_at             TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  deleted_at             TIMESTAMP(9) WITH TIME ZONE
);
ALTER TABLE ${prefix}destinations ADD COLUMN live_slug VARCHAR
  GENERATED ALWAYS AS (CASE WHEN deleted_at IS NULL THEN slug END);
CREATE UNIQUE INDEX ${prefix}destinations_live_slug ON ${prefix}destinations
  (org_id, env_id, live_slug);
CREATE INDEX ${prefix}destinations_scope ON ${prefix}destinations (org_id, env_id, id);

CREATE TABLE ${prefix}connections (
  id                   VARCHAR PRIMARY KEY,
  org_id               VARCHAR NOT NULL,
  env_id               VARCHAR NOT NULL,
  name                 VARCHAR,
  source_id            VARCHAR NOT NULL,
  destination_id       VARCHAR NOT NULL,
  filter_rules         VARCHAR,
  transform_expression VARCHAR,
  transform_enabled    boolean NOT NULL,
  enabled              boolean NOT NULL,
  version              bigint NOT NULL,
  created_at           TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  updated_at           TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  deleted_at           TIMESTAMP(9) WITH TIME ZONE
);
CREATE INDEX ${prefix}connections_scope ON ${prefix}connections (org_id, env_id, id);
CREATE INDEX ${prefix}connections_source ON ${prefix}connections (source_id, id);
CREATE INDEX ${prefix}connections_destination ON ${prefix}connections (destination_id, id);

CREATE TABLE ${prefix}events (
  id                   VARCHAR PRIMARY KEY,
  org_id               VARCHAR NOT NULL,
  env_id               VARCHAR NOT NULL,
  source_id            VARCHAR NOT NULL,
  method               VARCHAR,
  path                 VARCHAR,
  headers              VARCHAR,
  query                VARCHAR,
  content_type         VARCHAR,
  source_ip            VARCHAR,
  body_size            bigint NOT NULL,
  body                 VARBINARY,
  body_blob_key        VARCHAR,
  body_sha256          VARCHAR,
  status               VARCHAR NOT NULL,
  dedup_status         VARCHAR,
  duplicate_of         VARCHAR,
  verification_status  VARCHAR,
  received_at          TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  routed_at            TIMESTAMP(9) WITH TIME ZONE,
  updated_at           TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
CREATE INDEX ${prefix}events_scope ON ${prefix}events (org_id, env_id, id);
CREATE INDEX ${prefix}events_source ON ${prefix}events (org_id, env_id, source_id, id);
CREATE INDEX ${prefix}events_status ON ${prefix}events (org_id, env_id, status, id);
CREATE INDEX ${prefix}events_unrouted ON ${prefix}events (routed_at, received_at, id);

CREATE TABLE ${prefix}delivery_tasks (
  id                    VARCHAR PRIMARY KEY,
  org_id                VARCHAR NOT NULL,
  env_id                VARCHAR NOT NULL,
  event_id              VARCHAR NOT NULL,
  connection_id         VARCHAR,
  destination_id        VARCHAR NOT NULL,
  status                VARCHAR NOT NULL,
  attempts              integer NOT NULL,
  next_attempt_at       TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  lease_owner           VARCHAR,
  lease_expires_at      TIMESTAMP(9) WITH TIME ZONE,
  payload               VARBINARY,
  payload_content_type  VARCHAR,
  sequence              bigint NOT NULL,
  version               bigint NOT NULL,
  created_at            TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  updated_at            TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
CREATE INDEX ${prefix}tasks_due ON ${prefix}delivery_tasks (status, next_attempt_at, id);
CREATE INDEX ${prefix}tasks_event ON ${prefix}delivery_tasks (event_id, created_at);

CREATE TABLE ${prefix}attempts (
  id                VARCHAR PRIMARY KEY,
  org_id            VARCHAR NOT NULL,
  env_id            VARCHAR NOT NULL,
  event_id          VARCHAR NOT NULL,
  connection_id     VARCHAR,
  destination_id    VARCHAR NOT NULL,
  task_id           VARCHAR,
  attempt_number    integer NOT NULL,
  status            VARCHAR NOT NULL,
  status_code       integer,
  latency_ms        bigint,
  request_headers   VARCHAR,
  response_headers  VARCHAR,
  response_body     VARCHAR,
  error             VARCHAR,
  error_type        VARCHAR,
  dlq               boolean NOT NULL,
  dlq_at            TIMESTAMP(9) WITH TIME ZONE,
  next_retry_at     TIMESTAMP(9) WITH TIME ZONE,
  attempted_at      TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
CREATE INDEX ${prefix}attempts_scope ON ${prefix}attempts (org_id, env_id, id);
CREATE INDEX ${prefix}attempts_event ON ${prefix}attempts (org_id, env_id, event_id, id);
CREATE INDEX ${prefix}attempts_destination ON ${prefix}attempts
  (org_id, env_id, destination_id, id);

CREATE TABLE ${prefix}issues (
  id                  VARCHAR PRIMARY KEY,
  org_id              VARCHAR NOT NULL,
  env_id              VARCHAR NOT NULL,
  destination_id      VARCHAR NOT NULL,
  error_type          VARCHAR NOT NULL,
  message             VARCHAR,
  status              VARCHAR NOT NULL,
  occurrence_count    bigint NOT NULL,
  first_seen_at       TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  last_seen_at        TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  recent_attempt_ids  VARCHAR NOT NULL,
  snoozed_until       TIMESTAMP(9) WITH TIME ZONE,
  resolved_at         TIMESTAMP(9) WITH TIME ZONE,
  updated_at          TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
CREATE INDEX ${prefix}issues_scope ON ${prefix}issues (org_id, env_id, id);
-- At most one unresolved issue per destination and error type (NULL once resolved).
ALTER TABLE ${prefix}issues ADD COLUMN active_destination VARCHAR
  GENERATED ALWAYS AS (CASE WHEN status <> 'resolved' THEN destination_id END);
CREATE UNIQUE INDEX ${prefix}issues_active ON ${prefix}issues
  (org_id, env_id, active_destination, error_type);
CREATE INDEX ${prefix}issues_stale ON ${prefix}issues (status, last_seen_at);

CREATE TABLE ${prefix}circuits (
  destination_id   VARCHAR PRIMARY KEY,
  org_id           VARCHAR NOT NULL,
  env_id           VARCHAR NOT NULL,
  state            VARCHAR NOT NULL,
  failure_count    integer NOT NULL,
  last_failure_at  TIMESTAMP(9) WITH TIME ZONE,
  opened_at        TIMESTAMP(9) WITH TIME ZONE,
  version          bigint NOT NULL,
  updated_at       TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
