-- hookstream schema, version 14: collections (the Instant Database). A collection follows one
-- source; its sync cursor and skipped count live on its row. Records are JSON text, one per
-- (collection, key), written only by the guarded upsert; every applied change appends to
-- collection_changes in the same transaction. A collection has at most one backfill row.

CREATE TABLE ${prefix}collections (
  id                   VARCHAR PRIMARY KEY,
  org_id               VARCHAR NOT NULL,
  env_id               VARCHAR NOT NULL,
  name                 VARCHAR NOT NULL,
  slug                 VARCHAR NOT NULL,
  source_id            VARCHAR NOT NULL,
  primary_key_path     VARCHAR NOT NULL,
  event_time_path      VARCHAR,
  synced_through       VARCHAR,
  skipped_missing_key  bigint NOT NULL,
  version              bigint NOT NULL,
  created_at           TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  updated_at           TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX ${prefix}collections_slug ON ${prefix}collections (org_id, env_id, slug);
CREATE INDEX ${prefix}collections_scope ON ${prefix}collections (org_id, env_id, id);
CREATE INDEX ${prefix}collections_source ON ${prefix}collections (org_id, env_id, source_id);

CREATE TABLE ${prefix}collection_records (
  collection_id    VARCHAR NOT NULL,
  record_key       VARCHAR NOT NULL,
  id               VARCHAR NOT NULL,
  org_id           VARCHAR NOT NULL,
  env_id           VARCHAR NOT NULL,
  data             VARCHAR NOT NULL,
  data_bytes       integer NOT NULL,
  source_event_at  TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  event_id         VARCHAR NOT NULL,
  synced_at        TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (collection_id, record_key)
);

CREATE TABLE ${prefix}collection_changes (
  id               VARCHAR PRIMARY KEY,
  collection_id    VARCHAR NOT NULL,
  record_key       VARCHAR NOT NULL,
  event_id         VARCHAR NOT NULL,
  source_event_at  TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  data             VARCHAR NOT NULL,
  created_at       TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
CREATE INDEX ${prefix}collection_changes_key
  ON ${prefix}collection_changes (collection_id, record_key, id);

CREATE TABLE ${prefix}collection_backfills (
  collection_id     VARCHAR PRIMARY KEY,
  org_id            VARCHAR NOT NULL,
  env_id            VARCHAR NOT NULL,
  status            VARCHAR NOT NULL,
  total             integer NOT NULL,
  processed         integer NOT NULL,
  applied           integer NOT NULL,
  skipped           integer NOT NULL,
  cursor_event_id   VARCHAR,
  lease_owner       VARCHAR,
  lease_expires_at  TIMESTAMP(9) WITH TIME ZONE,
  started_at        TIMESTAMP(9) WITH TIME ZONE,
  completed_at      TIMESTAMP(9) WITH TIME ZONE,
  error             VARCHAR,
  version           bigint NOT NULL,
  updated_at        TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
CREATE INDEX ${prefix}collection_backfills_active
  ON ${prefix}collection_backfills (status, collection_id);
