-- hookstream schema, version 3: per-destination claims and the retention purge.

-- A destination's pending tasks in delivery order: a per-destination claim reads about
-- `limit` entries of it.
CREATE INDEX ${prefix}tasks_destination ON ${prefix}delivery_tasks (destination_id, sequence, id)
  WHERE status = 'pending';
-- A destination's pending tasks by next attempt: its oldest due task is about the first entry
-- that is not leased, so listing the destinations with due work reads a few entries each.
CREATE INDEX ${prefix}tasks_destination_due ON ${prefix}delivery_tasks
  (destination_id, next_attempt_at) WHERE status = 'pending';
-- A destination's leases: counting the live ones (max in flight) reads only those.
CREATE INDEX ${prefix}tasks_leased ON ${prefix}delivery_tasks (destination_id, lease_expires_at)
  WHERE status = 'pending' AND lease_owner IS NOT NULL;
-- The retention purge reads an environment's oldest events first.
CREATE INDEX ${prefix}events_received ON ${prefix}events (org_id, env_id, received_at, id);
