-- hookstream schema, version 2: the key-value table (dedup windows, rate limits, job
-- progress) and the blob table (bodies over the inline threshold, archives).

CREATE TABLE ${prefix}kv (
  k           VARCHAR PRIMARY KEY,
  v           VARCHAR NOT NULL,
  expires_at  TIMESTAMP(9) WITH TIME ZONE
);
CREATE INDEX ${prefix}kv_expiry ON ${prefix}kv (expires_at);

CREATE TABLE ${prefix}blobs (
  k           VARCHAR PRIMARY KEY,
  data        BLOB NOT NULL,
  size        bigint NOT NULL,
  updated_at  TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
