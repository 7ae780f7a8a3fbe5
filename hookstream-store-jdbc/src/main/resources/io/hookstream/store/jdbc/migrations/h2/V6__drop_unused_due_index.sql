-- hookstream schema, version 6: nothing changes on H2. Version 6 drops PostgreSQL's unused
-- tasks_due; H2's index of the same name also serves status-first lookups, so it stays.
SELECT 1;
