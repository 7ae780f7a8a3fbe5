-- hookstream schema, version 2: the key-value table (dedup windows, rate limits, job
-- progress) and the blob table (bodies over the inline threshold, archives).

CREATE TABLE ${prefix}kv (
  k           text COLLATE "C" PRIMARY KEY,
  v           text NOT NULL,
  expires_at  timestamptz
);
CREATE INDEX ${prefix}kv_expiry ON ${prefix}kv (expires_at);

CREATE TABLE ${prefix}blobs (
  k           text COLLATE "C" PRIMARY KEY,
  data        bytea NOT NULL,
  size        bigint NOT NULL,
  updated_at  timestamptz NOT NULL
);
