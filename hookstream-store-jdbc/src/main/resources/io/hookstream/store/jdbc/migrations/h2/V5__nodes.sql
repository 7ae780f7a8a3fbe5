-- hookstream schema, version 5: node heartbeats. A node whose heartbeat stops is dead, and its
-- leases are released before they expire.

CREATE TABLE ${prefix}nodes (
  id                 VARCHAR PRIMARY KEY,
  last_heartbeat_at  TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
