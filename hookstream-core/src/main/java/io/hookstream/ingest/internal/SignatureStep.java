package io.hookstream.ingest.internal;

import io.hookstream.ingest.IngestContext;
import io.hookstream.ingest.IngestResult;
import io.hookstream.ingest.IngestStep;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.SourceRecord.Verification;
import io.hookstream.verify.SignatureVerifier;
import io.hookstream.verify.SignatureVerifiers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The ingest step that checks the webhook's signature when the source has verification: a
 * failure throws the verifier's 401 before anything is stored; success marks the context {@code
 * verified}. Compiled verifiers are cached per source (the newest version seen), at most {@code
 * maxSources} of them, least recently used evicted first, so a stored secret is decrypted once
 * per source version, not per request. Safe for concurrent use.
 */
public final class SignatureStep implements IngestStep {

  /** The default number of sources whose compiled verifiers are kept. */
  public static final int DEFAULT_MAX_SOURCES = 10_000;

  private final Map<String, Compiled> cache;
  private final UnaryOperator<String> openSecret;

  /** A step for sources whose secrets are stored in plaintext. */
  public SignatureStep() {
    this(DEFAULT_MAX_SOURCES, UnaryOperator.identity());
  }

  public SignatureStep(int maxSources) {
    this(maxSources, UnaryOperator.identity());
  }

  /** {@code openSecret} turns a stored secret into its plaintext. */
  public SignatureStep(int maxSources, UnaryOperator<String> openSecret) {
    this.openSecret = openSecret;
    if (maxSources < 1) {
      throw new IllegalArgumentException("maxSources must be at least 1: " + maxSources);
    }
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
        return size() > maxSources;
      }
    };
  }

  @Override
  public IngestResult process(IngestContext context, Chain chain) {
    SourceRecord source = context.source();
    if (source.verification() != null) {
      verifier(source).verify(context.request(), context.receivedAt());
      context.verificationStatus("verified");
    }
    return chain.proceed(context);
  }

  /** The number of sources with a cached verifier. */
  public int cachedSources() {
    synchronized (cache) {
      return cache.size();
    }
  }

  private SignatureVerifier verifier(SourceRecord source) {
    synchronized (cache) {
      Compiled hit = cache.get(source.id());
      if (hit != null && hit.version() == source.version()) {
        return hit.verifier();
      }
    }
    SignatureVerifier compiled = compile(source); // outside the lock: key parsing can be slow
    synchronized (cache) {
      Compiled current = cache.get(source.id());
      if (current == null || current.version() <= source.version()) {
        cache.put(source.id(), new Compiled(source.version(), compiled));
      }
    }
    return compiled;
  }

  /** A stored verification that no longer validates is the operator's fault: fail closed, 500. */
  private SignatureVerifier compile(SourceRecord source) {
    Verification v = source.verification();
    try {
      return SignatureVerifiers.create(new Verification(v.type(), openSecret.apply(v.secret()),
          v.header(), v.encoding(), v.prefix(), v.timestampHeader(), v.toleranceSeconds()));
    } catch (HookstreamException e) {
      throw new HookstreamException(ErrorCode.INTERNAL,
          "source " + source.id() + " has invalid verification settings: " + e.getMessage(), e);
    }
  }

  private record Compiled(long version, SignatureVerifier verifier) {}
}
