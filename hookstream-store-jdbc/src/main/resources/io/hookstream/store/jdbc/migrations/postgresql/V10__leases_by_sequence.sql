-- hookstream schema, version 10: tasks_leased by (destination_id, sequence). A claim counts the
-- destination's live leases from its scan floor (the lowest pending sequence it remembers), so
-- under a long-held snapshot the count no longer reads the entries of every task leased within
-- the lease time before it, which no vacuum may remove while the snapshot lives.
DROP INDEX IF EXISTS ${prefix}tasks_leased;
CREATE INDEX ${prefix}tasks_leased ON ${prefix}delivery_tasks (destination_id, sequence)
  WHERE status = 'pending' AND lease_owner IS NOT NULL;
