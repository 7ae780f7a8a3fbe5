-- hookstream schema, version 4: finding the destinations with due work without reading the backlog.

-- A destination's pending tasks by due time: dueDestinations reads the first due, unleased entry
-- of each destination here (one probe per destination, a loose index scan).
CREATE INDEX ${prefix}tasks_destination_due ON ${prefix}delivery_tasks (destination_id, status, next_attempt_at);
