-- hookstream schema, version 15: notification channels, alert rules with their evaluation state
-- (last_window is the 5-minute window claim: a compare-and-set on it lets one node commit each
-- window), their trigger history, and an index for the 5-minute window statistics.

CREATE TABLE ${prefix}notification_channels (
  id           text COLLATE "C" PRIMARY KEY,
  org_id       text COLLATE "C" NOT NULL,
  env_id       text COLLATE "C" NOT NULL,
  name         text NOT NULL,
  type         text NOT NULL,
  config       text NOT NULL,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
CREATE INDEX ${prefix}notification_channels_scope
  ON ${prefix}notification_channels (org_id, env_id, id);

CREATE TABLE ${prefix}alert_rules (
  id                 text COLLATE "C" PRIMARY KEY,
  org_id             text COLLATE "C" NOT NULL,
  env_id             text COLLATE "C" NOT NULL,
  name               text NOT NULL,
  rule_type          text NOT NULL,
  config             text NOT NULL,
  source_id          text COLLATE "C",
  destination_id     text COLLATE "C",
  channel_ids        text NOT NULL,
  cooldown_minutes   integer NOT NULL,
  enabled            boolean NOT NULL,
  firing             boolean NOT NULL,
  last_triggered_at  timestamptz,
  last_breach_at     timestamptz,
  last_window        timestamptz,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL
);
CREATE INDEX ${prefix}alert_rules_scope ON ${prefix}alert_rules (org_id, env_id, id);

CREATE TABLE ${prefix}alert_triggers (
  id            text COLLATE "C" PRIMARY KEY,
  rule_id       text COLLATE "C" NOT NULL,
  org_id        text COLLATE "C" NOT NULL,
  env_id        text COLLATE "C" NOT NULL,
  kind          text NOT NULL,
  message       text NOT NULL,
  triggered_at  timestamptz NOT NULL
);
CREATE INDEX ${prefix}alert_triggers_rule ON ${prefix}alert_triggers (rule_id, id);

-- The window statistics read the attempts of the last minutes.
CREATE INDEX ${prefix}attempts_attempted ON ${prefix}attempts (attempted_at);
