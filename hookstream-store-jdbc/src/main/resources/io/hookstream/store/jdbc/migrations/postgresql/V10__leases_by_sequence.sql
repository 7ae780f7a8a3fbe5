-- hookstream schema, version 10: the queue's partial indexes for scans that start at a floor.
-- While a transaction holds an old snapshot, no vacuum may remove the entries of tasks delivered
-- since, and they sit where a scan from a destination's start begins. Claims now begin at the
-- destination's lowest pending sequence and due time (ScanFloors), and counts its live leases
-- from that sequence; the indexes store each destination's newest tasks first, so the loose scan
-- that finds destinations with pending work meets a live task before the dead ones.
DROP INDEX IF EXISTS ${prefix}tasks_leased;
CREATE INDEX ${prefix}tasks_leased ON ${prefix}delivery_tasks (destination_id, sequence DESC)
  WHERE status = 'pending' AND lease_owner IS NOT NULL;
DROP INDEX IF EXISTS ${prefix}tasks_destination;
CREATE INDEX ${prefix}tasks_destination ON ${prefix}delivery_tasks
  (destination_id, sequence DESC, id DESC) WHERE status = 'pending';
DROP INDEX IF EXISTS ${prefix}tasks_destination_due;
CREATE INDEX ${prefix}tasks_destination_due ON ${prefix}delivery_tasks
  (destination_id, next_attempt_at DESC) WHERE status = 'pending';
