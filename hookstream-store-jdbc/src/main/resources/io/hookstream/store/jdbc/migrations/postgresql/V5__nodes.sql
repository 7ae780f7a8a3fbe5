-- hookstream schema, version 5: node heartbeats. A node whose heartbeat stops is dead, and its
-- leases are released before they expire. Releasing them reads tasks_leased (version 3), which
-- holds only leased pending tasks.

CREATE TABLE ${prefix}nodes (
  id                 text COLLATE "C" PRIMARY KEY,
  last_heartbeat_at  timestamptz NOT NULL
);
