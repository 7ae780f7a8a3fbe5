-- hookstream schema, version 13: metrics rollups. One row per closed hour or UTC day, per source
-- (events received) or destination (attempts by outcome, latency sum and sketch), keyed by
-- bucket_key (scope, granularity, bucket start, dimension, id) so that recomputing a bucket
-- replaces its row. metrics_watermarks holds how far the rollup job has got. The raw path reads
-- attempts by (scope, attempted_at) and counts dead tasks per scope: both get an index.

CREATE TABLE ${prefix}metrics_rollups (
  bucket_key      text COLLATE "C" PRIMARY KEY,
  org_id          text COLLATE "C" NOT NULL,
  env_id          text COLLATE "C" NOT NULL,
  granularity     text NOT NULL,
  bucket_start    timestamptz NOT NULL,
  dimension       text NOT NULL,
  dimension_id    text COLLATE "C" NOT NULL,
  event_count     bigint NOT NULL,
  delivery_count  bigint NOT NULL,
  success_count   bigint NOT NULL,
  failed_count    bigint NOT NULL,
  latency_count   bigint NOT NULL,
  latency_sum_ms  bigint NOT NULL,
  latency_sketch  bytea
);
CREATE INDEX ${prefix}metrics_rollups_window ON ${prefix}metrics_rollups
  (org_id, env_id, granularity, bucket_start);

CREATE TABLE ${prefix}metrics_watermarks (
  name     text COLLATE "C" PRIMARY KEY,
  reached  timestamptz NOT NULL
);

CREATE INDEX ${prefix}attempts_time ON ${prefix}attempts (org_id, env_id, attempted_at);
CREATE INDEX ${prefix}tasks_dead ON ${prefix}delivery_tasks (org_id, env_id)
  WHERE status = 'dead';
