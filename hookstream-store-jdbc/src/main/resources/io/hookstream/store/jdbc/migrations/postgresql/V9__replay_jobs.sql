-- hookstream schema, version 9: replay and bulk-retry jobs. A job row holds its filter, its
-- cursor (the last event handed to delivery) and its lease; replay_job_tasks links it to the
-- delivery tasks it created, written in the same transaction as the cursor moves.

CREATE TABLE ${prefix}replay_jobs (
  id                text COLLATE "C" PRIMARY KEY,
  org_id            text COLLATE "C" NOT NULL,
  env_id            text COLLATE "C" NOT NULL,
  kind              text NOT NULL,
  destination_id    text COLLATE "C",
  source_id         text COLLATE "C",
  event_status      text,
  issue_id          text COLLATE "C",
  from_at           timestamptz NOT NULL,
  to_at             timestamptz NOT NULL,
  rate_limit        integer NOT NULL,
  max_events        integer NOT NULL,
  status            text NOT NULL,
  total             integer NOT NULL,
  processed         integer NOT NULL,
  skipped           integer NOT NULL,
  succeeded         integer NOT NULL,
  failed            integer NOT NULL,
  cursor_event_id   text COLLATE "C",
  lease_owner       text,
  lease_expires_at  timestamptz,
  started_at        timestamptz,
  completed_at      timestamptz,
  version           bigint NOT NULL,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX ${prefix}replay_jobs_scope ON ${prefix}replay_jobs (org_id, env_id, id);
-- The job runner looks only at active jobs.
CREATE INDEX ${prefix}replay_jobs_active ON ${prefix}replay_jobs (id)
  WHERE status = 'running';

CREATE TABLE ${prefix}replay_job_tasks (
  job_id   text COLLATE "C" NOT NULL,
  task_id  text COLLATE "C" NOT NULL,
  PRIMARY KEY (job_id, task_id)
);
