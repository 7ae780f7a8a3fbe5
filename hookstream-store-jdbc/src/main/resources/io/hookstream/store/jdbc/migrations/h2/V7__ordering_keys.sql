-- hookstream schema, version 7: per-key ordering. A connection may name an ordering key (a field
-- path); each of its tasks stores the event's value there, and a keyed task is claimed only when
-- no earlier pending task of its destination has the same key.

ALTER TABLE ${prefix}connections ADD COLUMN ordering_key VARCHAR;
ALTER TABLE ${prefix}delivery_tasks ADD COLUMN ordering_key VARCHAR;
-- The claim's "earlier pending task of this key?" probe (H2 has no partial indexes, so status is
-- a key column).
CREATE INDEX ${prefix}tasks_key_order ON ${prefix}delivery_tasks
  (destination_id, ordering_key, status, sequence, id);
