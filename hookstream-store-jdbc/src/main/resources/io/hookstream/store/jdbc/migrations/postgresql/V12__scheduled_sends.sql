-- hookstream schema, version 12: the tools API's scheduled sends. A row is one request sent
-- once at fires_at; a node leases it, sends, then records the outcome.

CREATE TABLE ${prefix}scheduled_sends (
  id                text COLLATE "C" PRIMARY KEY,
  url               text NOT NULL,
  method            text NOT NULL,
  headers           text NOT NULL,
  body              text,
  fires_at          timestamptz NOT NULL,
  status            text NOT NULL,
  response_status   integer,
  latency_ms        bigint,
  error             text,
  lease_owner       text,
  lease_expires_at  timestamptz,
  created_at        timestamptz NOT NULL,
  completed_at      timestamptz
);
-- The job runner looks only at pending sends, by due time.
CREATE INDEX ${prefix}scheduled_sends_due ON ${prefix}scheduled_sends (fires_at)
  WHERE status = 'pending';
