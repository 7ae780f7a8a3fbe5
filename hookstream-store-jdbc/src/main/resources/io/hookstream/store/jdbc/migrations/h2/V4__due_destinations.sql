-- hookstream schema, version 4: per-destination claims that do not read the backlog.

-- A destination's pending tasks by due time: dueDestinations reads the first due, unleased entry
-- of each destination here (one probe per destination, a loose index scan).
CREATE INDEX ${prefix}tasks_destination_due ON ${prefix}delivery_tasks (destination_id, status, next_attempt_at);
-- A destination's live leases (max in flight): a range of this index, not every pending task.
CREATE INDEX ${prefix}tasks_leased ON ${prefix}delivery_tasks (destination_id, status, lease_expires_at);
