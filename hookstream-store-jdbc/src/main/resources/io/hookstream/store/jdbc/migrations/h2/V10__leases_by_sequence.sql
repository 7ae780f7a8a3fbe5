-- hookstream schema, version 10: nothing changes on H2. Version 10 rebuilds PostgreSQL's partial
-- tasks_leased for claims that start at a scan floor; claims on H2 read no floor.
SELECT 1;
