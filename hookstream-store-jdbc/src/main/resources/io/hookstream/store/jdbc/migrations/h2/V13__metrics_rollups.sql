-- hookstream schema, version 13: metrics rollups. One row per closed hour or UTC day, per source
-- (events received) or destination (attempts by outcome, latency sum and sketch), keyed by
-- bucket_key (scope, granularity, bucket start, dimension, id) so that recomputing a bucket
-- replaces its row. metrics_watermarks holds how far the rollup job has got. The raw path reads
-- attempts by (scope, attempted_at): it gets an index.

CREATE TABLE ${prefix}metrics_rollups (
  bucket_key      VARCHAR PRIMARY KEY,
  org_id          VARCHAR NOT NULL,
  env_id          VARCHAR NOT NULL,
  granularity     VARCHAR NOT NULL,
  bucket_start    TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  dimension       VARCHAR NOT NULL,
  dimension_id    VARCHAR NOT NULL,
  event_count     bigint NOT NULL,
  delivery_count  bigint NOT NULL,
  success_count   bigint NOT NULL,
  failed_count    bigint NOT NULL,
  latency_count   bigint NOT NULL,
  latency_sum_ms  bigint NOT NULL,
  latency_sketch  VARBINARY
);
CREATE INDEX ${prefix}metrics_rollups_window ON ${prefix}metrics_rollups
  (org_id, env_id, granularity, bucket_start);

CREATE TABLE ${prefix}metrics_watermarks (
  name     VARCHAR PRIMARY KEY,
  reached  TIMESTAMP(9) WITH TIME ZONE NOT NULL
);

CREATE INDEX ${prefix}attempts_time ON ${prefix}attempts (org_id, env_id, attempted_at);
