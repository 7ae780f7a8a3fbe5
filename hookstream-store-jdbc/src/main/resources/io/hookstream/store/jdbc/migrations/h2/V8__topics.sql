-- hookstream schema, version 8: pub/sub topics and their subscriptions. A published event is an
-- ordinary event whose source_id is its topic's id; its delivery tasks carry the subscription's
-- id in connection_id.

CREATE TABLE ${prefix}topics (
  id           VARCHAR PRIMARY KEY,
  org_id       VARCHAR NOT NULL,
  env_id       VARCHAR NOT NULL,
  name         VARCHAR,
  slug         VARCHAR NOT NULL,
  description  VARCHAR,
  version      bigint NOT NULL,
  created_at   TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  updated_at   TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  CONSTRAINT ${prefix}topics_slug UNIQUE (org_id, env_id, slug)
);
CREATE INDEX ${prefix}topics_scope ON ${prefix}topics (org_id, env_id, id);

CREATE TABLE ${prefix}subscriptions (
  id                    VARCHAR PRIMARY KEY,
  org_id                VARCHAR NOT NULL,
  env_id                VARCHAR NOT NULL,
  topic_id              VARCHAR NOT NULL,
  destination_id        VARCHAR NOT NULL,
  filter_rules          VARCHAR,
  transform_expression  VARCHAR,
  active                boolean NOT NULL,
  version               bigint NOT NULL,
  created_at            TIMESTAMP(9) WITH TIME ZONE NOT NULL,
  updated_at            TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
CREATE INDEX ${prefix}subscriptions_topic ON ${prefix}subscriptions (topic_id, id);
CREATE INDEX ${prefix}subscriptions_destination ON ${prefix}subscriptions (destination_id);
