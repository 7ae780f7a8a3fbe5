-- hookstream schema, version 15: notification channels, alert rules with their evaluation state
-- (last_window is the 5-minute window claim: a compare-and-set on it lets one node commit each
-- window), their trigger history, and an index for the 5-minute window statistics.

CREATE TABLE ${prefix}notification_channels (
  id           VARCHAR PRIMARY KEY,
  org_id       VARCHAR NOT NULL,
  env_id       VARCHAR NOT NULL,
  name         VARCHAR NOT NULL,
  type         VARCHAR NOT NULL,
  config       VARCHAR NOT NULL,
  created_at   TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  updated_at   TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
CREATE INDEX ${prefix}notification_channels_scope
  ON ${prefix}notification_channels (org_id, env_id, id);

CREATE TABLE ${prefix}alert_rules (
  id                 VARCHAR PRIMARY KEY,
  org_id             VARCHAR NOT NULL,
  env_id             VARCHAR NOT NULL,
  name               VARCHAR NOT NULL,
  rule_type          VARCHAR NOT NULL,
  config             VARCHAR NOT NULL,
  source_id          VARCHAR,
  destination_id     VARCHAR,
  channel_ids        VARCHAR NOT NULL,
  cooldown_minutes   integer NOT NULL,
  enabled            boolean NOT NULL,
  firing             boolean NOT NULL,
  last_triggered_at  TIMESTAMP(9) WITH TIME ZONE,
  last_breach_at     TIMESTAMP(9) WITH TIME ZONE,
  last_window        TIMESTAMP(9) WITH TIME ZONE,
  created_at         TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  updated_at         TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
CREATE INDEX ${prefix}alert_rules_scope ON ${prefix}alert_rules (org_id, env_id, id);

CREATE TABLE ${prefix}alert_triggers (
  id            VARCHAR PRIMARY KEY,
  rule_id       VARCHAR NOT NULL,
  org_id        VARCHAR NOT NULL,
  env_id        VARCHAR NOT NULL,
  kind          VARCHAR NOT NULL,
  message       VARCHAR NOT NULL,
  triggered_at  TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
CREATE INDEX ${prefix}alert_triggers_rule ON ${prefix}alert_triggers (rule_id, id);

-- The window statistics read the attempts of the last minutes.
CREATE INDEX ${prefix}attempts_attempted ON ${prefix}attempts (attempted_at);
