-- hookstream schema, version 4: nothing changes on PostgreSQL. Version 4 adds H2's index for
-- finding destinations with due work; PostgreSQL has had tasks_destination_due since version 3.
SELECT 1;
