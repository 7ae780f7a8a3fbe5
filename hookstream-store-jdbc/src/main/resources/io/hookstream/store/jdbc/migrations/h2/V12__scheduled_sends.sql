-- hookstream schema, version 12: the tools API's scheduled sends. A row is one request sent
-- once at fires_at; a node leases it, sends, then records the outcome.

CREATE TABLE ${prefix}scheduled_sends (
  id                VARCHAR PRIMARY KEY,
  url               VARCHAR NOT NULL,
  method            VARCHAR NOT NULL,
  headers           VARCHAR NOT NULL,
  body              VARCHAR,
  fires_at          TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  status            VARCHAR NOT NULL,
  response_status   integer,
  latency_ms        bigint,
  error             VARCHAR,
  lease_owner       VARCHAR,
  lease_expires_at  TIMESTAMP(9) WITH TIME ZONE,
  created_at        TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  completed_at      TIMESTAMP(9) WITH TIME ZONE
);
CREATE INDEX ${prefix}scheduled_sends_due ON ${prefix}scheduled_sends (status, fires_at);
