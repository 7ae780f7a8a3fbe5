-- hookstream schema, version 3: per-destination claims and the retention purge.

-- A destination's pending tasks in delivery order, for per-destination claims.
CREATE INDEX ${prefix}tasks_destination ON ${prefix}delivery_tasks (destination_id, status, sequence, id);
-- One row per destination that was ever claimed: a claim locks its row (SELECT ... FOR UPDATE),
-- so claims on one destination run one at a time across every connection.
CREATE TABLE ${prefix}claim_locks (
  destination_id VARCHAR PRIMARY KEY
);
-- The retention purge reads an environment's oldest events first.
CREATE INDEX ${prefix}events_received ON ${prefix}events (org_id, env_id, received_at, id);
