-- hookstream schema, version 14: collections (the Instant Database). A collection follows one
-- source; its sync cursor and skipped count live on its row. Records are jsonb, one per
-- (collection, key), written only by the guarded upsert; every applied change appends to
-- collection_changes in the same statement. A collection has at most one backfill row.

CREATE TABLE ${prefix}collections (
  id                   text COLLATE "C" PRIMARY KEY,
  org_id               text COLLATE "C" NOT NULL,
  env_id               text COLLATE "C" NOT NULL,
  name                 text NOT NULL,
  slug                 text NOT NULL,
  source_id            text COLLATE "C" NOT NULL,
  primary_key_path     text NOT NULL,
  event_time_path      text,
  synced_through       text COLLATE "C",
  skipped_missing_key  bigint NOT NULL,
  version              bigint NOT NULL,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL
);
CREATE UNIQUE INDEX ${prefix}collections_slug ON ${prefix}collections (org_id, env_id, slug);
CREATE INDEX ${prefix}collections_scope ON ${prefix}collections (org_id, env_id, id);
CREATE INDEX ${prefix}collections_source ON ${prefix}collections (org_id, env_id, source_id);

CREATE TABLE ${prefix}collection_records (
  collection_id    text COLLATE "C" NOT NULL,
  record_key       text COLLATE "C" NOT NULL,
  id               text COLLATE "C" NOT NULL,
  org_id           text COLLATE "C" NOT NULL,
  env_id           text COLLATE "C" NOT NULL,
  data             jsonb NOT NULL,
  data_bytes       integer NOT NULL,
  source_event_at  timestamptz NOT NULL,
  event_id         text COLLATE "C" NOT NULL,
  synced_at        timestamptz NOT NULL,
  PRIMARY KEY (collection_id, record_key)
);
-- Record search is a case-insensitive substring of the JSON text (PostgresDialect.recordSearch);
-- a trigram index answers it where pg_trgm can be created, else it scans the collection. The
-- semicolons inside the block lead their lines: the migrator ends a statement at a line's end.
DO $$ BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm
  ; CREATE INDEX ${prefix}collection_records_search ON ${prefix}collection_records
      USING gin ((CAST(data AS text)) gin_trgm_ops)
  ; EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'pg_trgm unavailable (%): record search scans', SQLERRM
  ; END $$;

CREATE TABLE ${prefix}collection_changes (
  id               text COLLATE "C" PRIMARY KEY,
  collection_id    text COLLATE "C" NOT NULL,
  record_key       text COLLATE "C" NOT NULL,
  event_id         text COLLATE "C" NOT NULL,
  source_event_at  timestamptz NOT NULL,
  data             jsonb NOT NULL,
  created_at       timestamptz NOT NULL
);
CREATE INDEX ${prefix}collection_changes_key
  ON ${prefix}collection_changes (collection_id, record_key, id);

CREATE TABLE ${prefix}collection_backfills (
  collection_id     text COLLATE "C" PRIMARY KEY,
  org_id            text COLLATE "C" NOT NULL,
  env_id            text COLLATE "C" NOT NULL,
  status            text NOT NULL,
  total             integer NOT NULL,
  processed         integer NOT NULL,
  applied           integer NOT NULL,
  skipped           integer NOT NULL,
  cursor_event_id   text COLLATE "C",
  lease_owner       text,
  lease_expires_at  timestamptz,
  started_at        timestamptz,
  completed_at      timestamptz,
  error             text,
  version           bigint NOT NULL,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX ${prefix}collection_backfills_active ON ${prefix}collection_backfills (collection_id)
  WHERE status = 'running';
