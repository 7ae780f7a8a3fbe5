-- hookstream schema, version 6: drops tasks_due. No query has read it since the cross-destination
-- claim was removed (claims go by tasks_destination), yet every task insert and every claim, which
-- rewrites the task row, added an entry to it.
DROP INDEX IF EXISTS ${prefix}tasks_due;
