package io.hookstream.ingest;

/**
 * One step of the ingest pipeline (IP filter, signature, dedup, schema, persist). A step either
 * rejects the request by throwing {@link io.hookstream.spi.HookstreamException} (403, 401, 422,
 * ...), answers it without going further (a duplicate), or calls {@link Chain#proceed} exactly once
 * and returns what it returns.
 *
 * <p>Steps are shared by all requests and must be safe for concurrent use; per-request state lives
 * in the {@link IngestContext}.
 */
@FunctionalInterface
public interface IngestStep {

  IngestResult process(IngestContext context, Chain chain);

  /** The rest of the pipeline. */
  interface Chain {
    IngestResult proceed(IngestContext context);
  }
}
