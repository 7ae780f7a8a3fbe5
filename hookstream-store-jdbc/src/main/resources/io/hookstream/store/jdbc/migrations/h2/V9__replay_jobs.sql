-- hookstream schema, version 9: replay and bulk-retry jobs. A job row holds its filter, its
-- cursor (the last event handed to delivery) and its lease; replay_job_tasks links it to the
-- delivery tasks it created, written in the same transaction as the cursor moves.

CREATE TABLE ${prefix}replay_jobs (
  id                VARCHAR PRIMARY KEY,
  org_id            VARCHAR NOT NULL,
  env_id            VARCHAR NOT NULL,
  kind              VARCHAR NOT NULL,
  destination_id    VARCHAR,
  source_id         VARCHAR,
  event_status      VARCHAR,
  issue_id          VARCHAR,
  from_at           TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  to_at             TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  rate_limit        integer NOT NULL,
  max_events        integer NOT NULL,
  status            VARCHAR NOT NULL,
  total             integer NOT NULL,
  processed         integer NOT NULL,
  skipped           integer NOT NULL,
  succeeded         integer NOT NULL,
  failed            integer NOT NULL,
  cursor_event_id   VARCHAR,
  lease_owner       VARCHAR,
  lease_expires_at  TIMESTAMP(9) WITH TIME ZONE,
  started_at        TIMESTAMP(9) WITH TIME ZONE,
  completed_at      TIMESTAMP(9) WITH TIME ZONE,
  version           bigint NOT NULL,
  created_at        TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  updated_at        TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
CREATE INDEX ${prefix}replay_jobs_scope ON ${prefix}replay_jobs (org_id, env_id, id);
CREATE INDEX ${prefix}replay_jobs_active ON ${prefix}replay_jobs (status, id);

CREATE TABLE ${prefix}replay_job_tasks (
  job_id   VARCHAR NOT NULL,
  task_id  VARCHAR NOT NULL,
  PRIMARY KEY (job_id, task_id)
);
