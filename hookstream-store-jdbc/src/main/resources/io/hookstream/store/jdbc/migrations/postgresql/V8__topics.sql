-- hookstream schema, version 8: pub/sub topics and their subscriptions. A published event is an
-- ordinary event whose source_id is its topic's id; its delivery tasks carry the subscription's
-- id in connection_id.

CREATE TABLE ${prefix}topics (
  id           text COLLATE "C" PRIMARY KEY,
  org_id       text COLLATE "C" NOT NULL,
  env_id       text COLLATE "C" NOT NULL,
  name         text,
  slug         text NOT NULL,
  description  text,
  version      bigint NOT NULL,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  CONSTRAINT ${prefix}topics_slug UNIQUE (org_id, env_id, slug)
);
CREATE INDEX ${prefix}topics_scope ON ${prefix}topics (org_id, env_id, id);

CREATE TABLE ${prefix}subscriptions (
  id                    text COLLATE "C" PRIMARY KEY,
  org_id                text COLLATE "C" NOT NULL,
  env_id                text COLLATE "C" NOT NULL,
  topic_id              text COLLATE "C" NOT NULL,
  destination_id        text COLLATE "C" NOT NULL,
  filter_rules          jsonb,
  transform_expression  text,
  active                boolean NOT NULL,
  version               bigint NOT NULL,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL
);
CREATE INDEX ${prefix}subscriptions_topic ON ${prefix}subscriptions (topic_id, id);
CREATE INDEX ${prefix}subscriptions_destination ON ${prefix}subscriptions (destination_id);
