package io.hookstream.ingest.internal;

import io.hookstream.ingest.IngestContext;
import io.hookstream.ingest.IngestResult;
import io.hookstream.ingest.IngestStep;
import java.util.Objects;

/**
 * The head of the pipeline: resolves the client address once (see {@link ClientIpResolver}) so that
 * the IP filter and the stored event use the same one. Never rejects. Thread-safe.
 */
public final class ClientIpStep implements IngestStep {

  private final ClientIpResolver resolver;

  public ClientIpStep(ClientIpResolver resolver) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  @Override
  public IngestResult process(IngestContext context, Chain chain) {
    context.clientIp(resolver.resolve(context.request()));
    return chain.proceed(context);
  }
}
