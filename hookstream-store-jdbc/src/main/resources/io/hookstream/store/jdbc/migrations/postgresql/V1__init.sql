-- hookstream schema, version 1: tenants, sources, destinations, connections, events,
-- delivery tasks, attempts, issues, circuits, API keys.
-- ${prefix} is the table prefix (default hs_). Ids sort by creation time; the "C" collation
-- makes their order the byte order, so cursor pages are index range scans.

CREATE TABLE ${prefix}organizations (
  id          text COLLATE "C" PRIMARY KEY,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL
);

CREATE TABLE ${prefix}environments (
  id              text COLLATE "C" PRIMARY KEY,
  org_id          text COLLATE "C" NOT NULL,
  name            text NOT NULL,
  retention_days  integer NOT NULL,
  created_at      timestamptz NOT NULL,
  CONSTRAINT ${prefix}environments_name UNIQUE (org_id, name)
);

CREATE TABLE ${prefix}api_keys (
  id             text COLLATE "C" PRIMARY KEY,
  org_id         text COLLATE "C" NOT NULL,
  env_id         text COLLATE "C" NOT NULL,
  name           text,
  key_hash       text NOT NULL,
  key_prefix     text,
  scopes         jsonb,
  created_at     timestamptz NOT NULL,
  last_used_at   timestamptz,
  request_count  bigint NOT NULL DEFAULT 0,
  revoked_at     timestamptz,
  CONSTRAINT ${prefix}api_keys_hash UNIQUE (key_hash)
);
CREATE INDEX ${prefix}api_keys_scope ON ${prefix}api_keys (org_id, env_id, id);

CREATE TABLE ${prefix}sources (
  id             text COLLATE "C" PRIMARY KEY,
  org_id         text COLLATE "C" NOT NULL,
  env_id         text COLLATE "C" NOT NULL,
  name           text,
  slug           text NOT NULL,
  description    text,
  template       text,
  verification   jsonb,
  ip_allowlist   jsonb NOT NULL,
  ip_denylist    jsonb NOT NULL,
  dedup          jsonb,
  schema_enabled boolean,
  schema_json    jsonb,
  schema_action  text,
  version        bigint NOT NULL,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  deleted_at     timestamptz
);
CREATE UNIQUE INDEX ${prefix}sources_live_slug ON ${prefix}sources (org_id, env_id, slug)
  WHERE deleted_at IS NULL;
CREATE INDEX ${prefix}sources_scope ON ${prefix}sources (org_id, env_id, id);

CREATE TABLE ${prefix}destinations (
  id                     text COLLATE "C" PRIMARY KEY,
  org_id                 text COLLATE "C" NOT NULL,
  env_id                 text COLLATE "C" NOT NULL,
  name                   text,
  slug                   text NOT NULL,
  description            text,
  type                   text NOT NULL,
  config_json            jsonb,
  signing_json           jsonb,
  retry_max_attempts     integer,
  retry_backoff          text,
  retry_intervals        jsonb,
  max_in_flight          integer,
  ordered                boolean,
  rate_limit_per_second  double precision,
  disabled_reason        text,
  version                bigint NOT NULL,
  created_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL,
  deleted_at             timestamptz
);
CREATE UNIQUE INDEX ${prefix}destinations_live_slug ON ${prefix}destinations
  (org_id, env_id, slug) WHERE deleted_at IS NULL;
CREATE INDEX ${prefix}destinations_scope ON ${prefix}destinations (org_id, env_id, id);

CREATE TABLE ${prefix}connections (
  id                   text COLLATE "C" PRIMARY KEY,
  org_id               text COLLATE "C" NOT NULL,
  env_id               text COLLATE "C" NOT NULL,
  name                 text,
  source_id            text COLLATE "C" NOT NULL,
  destination_id       text COLLATE "C" NOT NULL,
  filter_rules         jsonb,
  transform_expression text,
  transform_enabled    boolean NOT NULL,
  enabled              boolean NOT NULL,
  version              bigint NOT NULL,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  deleted_at           timestamptz
);
CREATE INDEX ${prefix}connections_scope ON ${prefix}connections (org_id, env_id, id);
CREATE INDEX ${prefix}connections_source ON ${prefix}connections (source_id, id);
CREATE INDEX ${prefix}connections_destination ON ${prefix}connections (destination_id, id);

CREATE TABLE ${prefix}events (
  id                   text COLLATE "C" PRIMARY KEY,
  org_id               text COLLATE "C" NOT NULL,
  env_id               text COLLATE "C" NOT NULL,
  source_id            text COLLATE "C" NOT NULL,
  method               text,
  path                 text,
  headers              json,
  query                json,
  content_type         text,
  source_ip            text,
  body_size            bigint NOT NULL,
  body                 bytea,
  body_blob_key        text,
  body_sha256          text,
  status               text NOT NULL,
  dedup_status         text,
  duplicate_of         text,
  verification_status  text,
  received_at          timestamptz NOT NULL,
  routed_at            timestamptz,
  updated_at           timestamptz NOT NULL
);
CREATE INDEX ${prefix}events_scope ON ${prefix}events (org_id, env_id, id);
CREATE INDEX ${prefix}events_source ON ${prefix}events (org_id, env_id, source_id, id);
CREATE INDEX ${prefix}events_status ON ${prefix}events (org_id, env_id, status, id);
CREATE INDEX ${prefix}events_unrouted ON ${prefix}events (received_at, id)
  WHERE routed_at IS NULL;

CREATE TABLE ${prefix}delivery_tasks (
  id                    text COLLATE "C" PRIMARY KEY,
  org_id                text COLLATE "C" NOT NULL,
  env_id                text COLLATE "C" NOT NULL,
  event_id              text COLLATE "C" NOT NULL,
  connection_id         text COLLATE "C",
  destination_id        text COLLATE "C" NOT NULL,
  status                text NOT NULL,
  attempts              integer NOT NULL,
  next_attempt_at       timestamptz NOT NULL,
  lease_owner           text,
  lease_expires_at      timestamptz,
  payload               bytea,
  payload_content_type  text,
  sequence              bigint NOT NULL,
  version               bigint NOT NULL,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL
);
-- Claims read only pending tasks, oldest next_attempt_at first: a partial index keeps that
-- O(claimed) however many finished tasks the table holds.
CREATE INDEX ${prefix}tasks_due ON ${prefix}delivery_tasks (next_attempt_at, id)
  WHERE status = 'pending';
CREATE INDEX ${prefix}tasks_event ON ${prefix}delivery_tasks (event_id, created_at);

CREATE TABLE ${prefix}attempts (
  id                text COLLATE "C" PRIMARY KEY,
  org_id            text COLLATE "C" NOT NULL,
  env_id            text COLLATE "C" NOT NULL,
  event_id          text COLLATE "C" NOT NULL,
  connection_id     text COLLATE "C",
  destination_id    text COLLATE "C" NOT NULL,
  task_id           text COLLATE "C",
  attempt_number    integer NOT NULL,
  status            text NOT NULL,
  status_code       integer,
  latency_ms        bigint,
  request_headers   json,
  response_headers  json,
  response_body     text,
  error             text,
  error_type        text,
  dlq               boolean NOT NULL,
  dlq_at            timestamptz,
  next_retry_at     timestamptz,
  attempted_at      timestamptz NOT NULL
);
CREATE INDEX ${prefix}attempts_scope ON ${prefix}attempts (org_id, env_id, id);
CREATE INDEX ${prefix}attempts_event ON ${prefix}attempts (org_id, env_id, event_id, id);
CREATE INDEX ${prefix}attempts_destination ON ${prefix}attempts
  (org_id, env_id, destination_id, id);

CREATE TABLE ${prefix}issues (
  id                  text COLLATE "C" PRIMARY KEY,
  org_id              text COLLATE "C" NOT NULL,
  env_id              text COLLATE "C" NOT NULL,
  destination_id      text COLLATE "C" NOT NULL,
  error_type          text NOT NULL,
  message             text,
  status              text NOT NULL,
  occurrence_count    bigint NOT NULL,
  first_seen_at       timestamptz NOT NULL,
  last_seen_at        timestamptz NOT NULL,
  recent_attempt_ids  jsonb NOT NULL,
  snoozed_until       timestamptz,
  resolved_at         timestamptz,
  updated_at          timestamptz NOT NULL
);
CREATE INDEX ${prefix}issues_scope ON ${prefix}issues (org_id, env_id, id);
-- At most one unresolved issue per destination and error type: two nodes that see the first
-- failure at once create one issue (the loser gets a unique-key error and updates it).
CREATE UNIQUE INDEX ${prefix}issues_active ON ${prefix}issues
  (org_id, env_id, destination_id, error_type) WHERE status <> 'resolved';
CREATE INDEX ${prefix}issues_stale ON ${prefix}issues (last_seen_at)
  WHERE status IN ('open', 'acknowledged');

CREATE TABLE ${prefix}circuits (
  destination_id   text COLLATE "C" PRIMARY KEY,
  org_id           text COLLATE "C" NOT NULL,
  env_id           text COLLATE "C" NOT NULL,
  state            text NOT NULL,
  failure_count    integer NOT NULL,
  last_failure_at  timestamptz,
  opened_at        timestamptz,
  version          bigint NOT NULL,
  updated_at       timestamptz NOT NULL
);
